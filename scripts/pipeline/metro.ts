import * as turf from '@turf/turf';
import type { LineString, Point, Position } from 'geojson';
import type { AppFeature } from '../../src/data/schema';
import { type StudyContext, createAppFeature, isNearStudyArea } from './context';

export interface GtfsStop {
  id: string;
  name: string;
  lon: number;
  lat: number;
  locationType: string;
  parent: string;
}

export interface GtfsRoute {
  id: string;
  shortName: string;
  colour: string;
}

interface OsmRoute {
  tags: Record<string, string>;
  members: { type: string; ref: number; role: string }[];
}

/** Parses a GTFS CSV file (no quoted commas occur in these files). */
export function parseCsv(text: string): Record<string, string>[] {
  const [header, ...rows] = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter(Boolean);
  const columns = header!.split(',');
  return rows.map((row) => {
    const cells = row.split(',');
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
  });
}

export function parseStops(text: string): Map<string, GtfsStop> {
  const stops = new Map<string, GtfsStop>();
  for (const row of parseCsv(text)) {
    stops.set(row.stop_id!, {
      id: row.stop_id!,
      name: row.stop_name!,
      lon: Number(row.stop_lon),
      lat: Number(row.stop_lat),
      locationType: row.location_type!,
      parent: row.parent_station!,
    });
  }
  return stops;
}

export function parseRoutes(text: string): GtfsRoute[] {
  return parseCsv(text).map((row) => ({
    id: row.route_id!,
    shortName: row.route_short_name!,
    colour: `#${row.route_color!.toUpperCase()}`,
  }));
}

/** One metro line in the area: its GTFS route and its stations in route order. */
interface LineInArea {
  route: GtfsRoute;
  stations: GtfsStop[];
}

/**
 * Picks, for every Beijing metro line, one direction of its OSM route relation and returns the
 * parent stations of its stops in route order.
 */
export function linesFromRelations(
  relations: Record<string, OsmRoute>,
  stops: Map<string, GtfsStop>,
  routes: GtfsRoute[],
): LineInArea[] {
  const byShortName = new Map(routes.map((r) => [r.shortName, r]));
  const lines = new Map<string, LineInArea>();
  for (const relation of Object.values(relations)) {
    const tags = relation.tags;
    if (tags.route !== 'subway' || !(tags.network ?? '').startsWith('北京')) continue;
    const shortName = (tags.name ?? '').includes('昌平线') ? '昌平线' : `${tags.ref}号线`;
    const route = byShortName.get(shortName);
    if (!route || lines.has(route.id)) continue;
    const stations: GtfsStop[] = [];
    for (const member of relation.members) {
      if (member.type !== 'n' || !member.role.startsWith('stop')) continue;
      const stop = stops.get(`n${member.ref}`);
      const station = stop && (stops.get(stop.parent) ?? stop);
      if (station && stations.at(-1)?.id !== station.id) stations.push(station);
    }
    lines.set(route.id, { route, stations });
  }
  return [...lines.values()];
}

/** Metro stations near the area, with the lines that stop there. */
export function buildMetroStations(
  lines: LineInArea[],
  context: StudyContext,
): AppFeature<Point>[] {
  const byStation = new Map<string, { station: GtfsStop; lines: string[] }>();
  for (const { route, stations } of lines) {
    for (const station of stations) {
      const entry = byStation.get(station.id) ?? { station, lines: [] };
      if (!entry.lines.includes(route.shortName)) entry.lines.push(route.shortName);
      byStation.set(station.id, entry);
    }
  }
  return [...byStation.values()]
    .filter(({ station }) => isNearStudyArea(turf.point([station.lon, station.lat]), context))
    .sort((a, b) => a.station.id.localeCompare(b.station.id))
    .map(({ station, lines: served }) =>
      createAppFeature(
        { type: 'Point', coordinates: [station.lon, station.lat] },
        {
          id: `metro-station-${station.id}`,
          name: station.name,
          kind: 'metro_station',
          lines: served,
          source: 'osm-subway',
          source_crs: 'WGS-84',
          accuracy: 'surveyed',
        },
        context,
      ),
    );
}

/**
 * Metro lines drawn straight through their stations in route order (no track geometry exists
 * in the sources), clipped to the map's rectangle: schematic by nature.
 */
export function buildMetroLines(
  lines: LineInArea[],
  context: StudyContext,
): AppFeature<LineString>[] {
  const result: AppFeature<LineString>[] = [];
  for (const { route, stations } of lines) {
    if (stations.length < 2) continue;
    const coordinates: Position[] = stations.map((s) => [s.lon, s.lat]);
    const clipped = turf.bboxClip(turf.lineString(coordinates), context.clipBbox);
    const parts =
      clipped.geometry.type === 'MultiLineString'
        ? clipped.geometry.coordinates
        : [clipped.geometry.coordinates as Position[]];
    parts
      .filter((part) => part.length >= 2)
      .forEach((part, index) => {
        result.push(
          createAppFeature(
            { type: 'LineString', coordinates: part },
            {
              id: `metro-line-${route.id}-${index}`,
              name: route.shortName,
              kind: 'metro_line',
              line: route.shortName,
              colour: route.colour,
              stations: stations.map((s) => s.name),
              source: 'osm-subway',
              source_crs: 'WGS-84',
              accuracy: 'schematic',
            },
            context,
          ),
        );
      });
  }
  return result;
}
