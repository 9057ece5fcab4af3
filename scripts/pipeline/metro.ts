import * as turf from '@turf/turf';
import type {
  Feature,
  FeatureCollection,
  Geometry,
  LineString,
  MultiPoint,
  Point,
  Position,
} from 'geojson';
import type { AppFeature } from '../../src/data/schema';
import { parseCsvRecords } from '../../src/export/csv';
import { type StudyContext, createAppFeature } from './context';

type Raw = FeatureCollection<Geometry, Record<string, unknown>>;

export interface GtfsRoute {
  id: string;
  shortName: string;
  colour: string;
  textColour: string;
}

/** Parses a GTFS CSV file into one record per row, keyed by the header's column names. */
export function parseCsv(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsvRecords(text).filter((r) => !(r.length === 1 && r[0] === ''));
  return rows.map((cells) => Object.fromEntries(header!.map((c, i) => [c, cells[i] ?? ''])));
}

/** The lines of subway/routes.txt with their official colours as upper-case #RRGGBB. */
export function parseRoutes(text: string): GtfsRoute[] {
  return parseCsv(text).map((row) => ({
    id: row.route_id!,
    shortName: row.route_short_name!,
    colour: `#${row.route_color!.toUpperCase()}`,
    textColour: `#${(row.route_text_color || 'FFFFFF').toUpperCase()}`,
  }));
}

/** A GTFS station (location_type 1) of subway/stops.txt. */
export interface GtfsStation {
  id: string;
  name: string;
  position: [number, number];
}

export function parseStations(text: string): GtfsStation[] {
  return parseCsv(text)
    .filter((row) => row.location_type === '1')
    .map((row) => ({
      id: row.stop_id!,
      name: row.stop_name!,
      position: [Number(row.stop_lon), Number(row.stop_lat)],
    }));
}

/** Provenance every metro feature carries (OSM: ODbL, attribution required). */
const METRO_PROVENANCE = {
  source: 'osm-metro',
  source_crs: 'WGS-84',
  licence: 'ODbL-1.0',
  attribution: '© OpenStreetMap contributors',
} as const;

/** A line terminus counts as a station of the line when a GTFS station lies this close. */
const TERMINUS_MATCH_METERS = 60;

/** One OSM station object: where it is and which lines stop there. */
interface StationObject {
  name: string;
  nameEn: string | null;
  osm: string;
  position: [number, number];
  lines: string[];
  /** The line's order of the station, per line. */
  order: Record<string, number>;
  note: string | null;
}

const inBox = ([lon, lat]: Position, [w, s, e, n]: number[]) =>
  lon! >= w! && lon! <= e! && lat! >= s! && lat! <= n!;

/** The station objects of metro-stations-osm.geojson. */
function stationObjects(raw: Raw): StationObject[] {
  return raw.features.map((f) => {
    const p = f.properties;
    const servedBy = (p.served_by ?? []) as { line_name: string; seq: number; source: string }[];
    const gapfilled = servedBy.filter((s) => s.source !== 'osm_route_stop').map((s) => s.line_name);
    return {
      name: String(p.name),
      nameEn: typeof p.name_en === 'string' ? p.name_en : null,
      osm: String(p.osm_station),
      position: (f.geometry as Point).coordinates as [number, number],
      lines: [...(p.lines as string[])],
      order: Object.fromEntries(servedBy.map((s) => [s.line_name, s.seq])),
      note:
        gapfilled.length > 0
          ? `missing from the OSM route stop list of ${gapfilled.join(', ')}; matched by the source to the track from the OSM station node`
          : null,
    };
  });
}

/**
 * Termini the station file leaves out because they lie outside its box: a track end that is
 * not cut by the clipping box, with a GTFS station (subway/stops.txt) within 60 m of it.
 */
function missingTermini(
  lines: Raw,
  known: StationObject[],
  gtfsStations: GtfsStation[],
): StationObject[] {
  const found: StationObject[] = [];
  for (const line of lines.features) {
    const name = String(line.properties.name);
    const box = line.properties.clipped_to_bbox as number[];
    const parts =
      line.geometry.type === 'LineString'
        ? [line.geometry.coordinates]
        : (line.geometry as { coordinates: Position[][] }).coordinates;
    for (const end of parts.flatMap((part) => [part[0]!, part.at(-1)!])) {
      const [w, s, e, n] = box;
      const onBoxEdge = [end[0] === w, end[0] === e, end[1] === s, end[1] === n].some(Boolean);
      if (onBoxEdge) continue;
      const near = (position: Position) =>
        turf.distance(position, end, { units: 'meters' }) <= TERMINUS_MATCH_METERS;
      if (known.some((k) => k.lines.includes(name) && near(k.position))) continue;
      const station = gtfsStations.find((g) => near(g.position));
      if (!station) continue;
      const count = Number(line.properties.station_count);
      found.push({
        name: station.name,
        nameEn: null,
        osm: `node/${station.id.replace(/^n/, '')}`,
        position: station.position,
        lines: [name],
        order: { [name]: end === parts[0]![0] ? 1 : count },
        note: `terminus of ${name}, outside the OSM station file's box: station ${station.id} of the GTFS feed (subway/stops.txt), ${Math.round(turf.distance(station.position, end, { units: 'meters' }))} m from the track's end`,
      });
    }
  }
  return found;
}

const LINE_ORDER = (a: string, b: string) => {
  const number = (s: string) => Number(/^(\d+)号线$/.exec(s)?.[1] ?? 1000);
  return number(a) - number(b) || a.localeCompare(b);
};

export interface MetroInputs {
  lines: Raw;
  stations: Raw;
  routes: GtfsRoute[];
  gtfsStations: GtfsStation[];
}

/** The official colour of a line, from subway/routes.txt by its short name. */
function routeOf(routes: GtfsRoute[], name: string): GtfsRoute {
  const route = routes.find((r) => r.shortName === name);
  if (!route) throw new Error(`metro: no colour for ${name} in routes.txt`);
  return route;
}

/**
 * Metro stations in the map's rectangle. Same-named OSM station objects (an interchange mapped
 * once per line) become one place: one feature with every object's position (a MultiPoint)
 * and every line, so that "nearest station" names it once.
 */
export function buildMetroStations(
  inputs: MetroInputs,
  context: StudyContext,
): AppFeature<Point | MultiPoint>[] {
  const known = stationObjects(inputs.stations);
  const objects = [...known, ...missingTermini(inputs.lines, known, inputs.gtfsStations)].filter(
    (o) => inBox(o.position, context.clipBbox),
  );
  const byName = new Map<string, StationObject[]>();
  for (const o of objects) byName.set(o.name, [...(byName.get(o.name) ?? []), o]);
  return [...byName.values()]
    .map((group) => {
      const ordered = [...group].sort((a, b) => a.osm.localeCompare(b.osm));
      const first = ordered[0]!;
      const lines = [...new Set(ordered.flatMap((o) => o.lines))].sort(LINE_ORDER);
      const geometry: Point | MultiPoint =
        ordered.length === 1
          ? { type: 'Point', coordinates: first.position }
          : { type: 'MultiPoint', coordinates: ordered.map((o) => o.position) };
      const notes = ordered.map((o) => o.note).filter((n): n is string => n !== null);
      if (ordered.length > 1) {
        notes.unshift(
          `one place for ${ordered.length} OSM station objects of the same name (${ordered.map((o) => `${o.osm}: ${o.lines.join('/')}`).join('; ')})`,
        );
      }
      return createAppFeature(
        geometry,
        {
          id: `metro-station-${first.osm.replace('/', '-')}`,
          name: first.name,
          ...(first.nameEn ? { name_en: first.nameEn } : {}),
          kind: 'metro_station',
          lines,
          /** Per position of the geometry, the lines that stop there. */
          position_lines: ordered.map((o) => o.lines),
          line_order: Object.assign({}, ...ordered.map((o) => o.order)) as Record<string, number>,
          osm_objects: ordered.map((o) => o.osm),
          ...(notes.length > 0 ? { note: notes.join('. ') } : {}),
          ...METRO_PROVENANCE,
          accuracy: 'surveyed',
        },
        context,
      );
    })
    .sort((a, b) => a.properties.id.localeCompare(b.properties.id));
}

/**
 * Metro lines along their real track (OSM route relations, one direction), clipped to the
 * map's rectangle, in the official colour of subway/routes.txt, with their stations in order.
 */
export function buildMetroLines(
  inputs: MetroInputs,
  stations: AppFeature<Point | MultiPoint>[],
  context: StudyContext,
): AppFeature<LineString>[] {
  const result: AppFeature<LineString>[] = [];
  for (const line of inputs.lines.features) {
    const name = String(line.properties.name);
    const route = routeOf(inputs.routes, name);
    const onLine = stations
      .filter((s) => (s.properties.lines as string[]).includes(name))
      .sort(
        (a, b) =>
          (a.properties.line_order as Record<string, number>)[name]! -
          (b.properties.line_order as Record<string, number>)[name]!,
      )
      .map((s) => s.properties.name);
    const clipped = turf.bboxClip(line as Feature<LineString>, context.clipBbox);
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
              name,
              kind: 'metro_line',
              line: name,
              colour: route.colour,
              text_colour: route.textColour,
              colour_source: 'subway/routes.txt (official line colours)',
              stations: onLine,
              osm_relation: Number(line.properties.osm_relation),
              ...METRO_PROVENANCE,
              accuracy: 'surveyed',
            },
            context,
          ),
        );
      });
  }
  return result;
}
