import type { Feature, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  type MetroInputs,
  buildMetroLines,
  buildMetroStations,
  parseCsv,
  parseRoutes,
  parseStations,
} from '../../scripts/pipeline/metro';
import { createRawCollection, createStudyContext } from './helpers';

const ROUTES_TXT = [
  'route_id,agency_id,route_short_name,route_long_name,route_type,route_color,route_text_color',
  '13,bjsubway,13号线,北京地铁13号线,1,f9e700,003670',
  '18,bjsubway,18号线,北京地铁18号线,1,665794,FFFFFF',
  '',
].join('\n');

/** GTFS stations (location_type 1) and a platform (0) that must not count as a station. */
const STOPS_TXT = [
  '\uFEFFstop_id,stop_code,stop_name,stop_lat,stop_lon,location_type,parent_station',
  'r9,730021,马连洼,40.0700,116.3100,1,',
  'n91,730021,马连洼(上行),40.0701,116.3101,0,r9',
].join('\r\n');

/** Box the source clipped its lines to (the test unit lies well inside it). */
const BOX = [116.25, 40.0, 116.52, 40.15];

function track(name: string, ref: string, coordinates: number[][], stationCount: number) {
  return {
    type: 'Feature',
    geometry: { type: 'LineString', coordinates },
    properties: {
      name,
      ref,
      osm_relation: 1000 + Number(ref),
      station_count: stationCount,
      clipped_to_bbox: BOX,
    },
  } as Feature<Geometry, Record<string, unknown>>;
}

function stationObject(
  name: string,
  osm: string,
  position: [number, number],
  servedBy: [line: string, seq: number, source?: string][],
) {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: position },
    properties: {
      name,
      name_en: null,
      osm_station: osm,
      lines: servedBy.map(([line]) => line),
      served_by: servedBy.map(([line, seq, source]) => ({
        line_name: line,
        seq,
        source: source ?? 'osm_route_stop',
      })),
    },
  } as Feature<Geometry, Record<string, unknown>>;
}

/**
 * 13号线 runs east–west along 40.0695 with 回龙观 on it; 18号线 runs along 40.0720 from an end
 * at 116.3500 (inside the box: a terminus) to 116.3100 where GTFS has 马连洼, with 回龙观
 * mapped a second time for 18号线 (an interchange of two OSM objects, 278 m apart).
 */
function createInputs(): MetroInputs {
  return {
    lines: createRawCollection([
      track(
        '13号线',
        '13',
        [
          [116.25, 40.0695],
          [116.36, 40.0695],
        ],
        8,
      ),
      track(
        '18号线',
        '18',
        [
          [116.35, 40.072],
          [116.331, 40.072],
          [116.31, 40.0701],
        ],
        3,
      ),
    ]),
    stations: createRawCollection([
      stationObject('回龙观', 'node/1', [116.3298, 40.0695], [['13号线', 5]]),
      stationObject('回龙观', 'node/2', [116.3298, 40.072], [['18号线', 2, 'gapfill']]),
      stationObject('霍营东', 'node/3', [116.35, 40.072], [['18号线', 1]]),
    ]),
    routes: parseRoutes(ROUTES_TXT),
    gtfsStations: parseStations(STOPS_TXT),
  };
}

describe('parseCsv', () => {
  it('reads rows as records keyed by the header, without BOM or CR, skipping blank lines', () => {
    expect(parseCsv('\uFEFFa,b,c\r\n1,2,3\r\n\r\n4,,6\r\n')).toEqual([
      { a: '1', b: '2', c: '3' },
      { a: '4', b: '', c: '6' },
    ]);
  });
});

describe('parseRoutes and parseStations', () => {
  it('reads the official colours as upper-case #RRGGBB', () => {
    expect(parseRoutes(ROUTES_TXT)).toEqual([
      { id: '13', shortName: '13号线', colour: '#F9E700', textColour: '#003670' },
      { id: '18', shortName: '18号线', colour: '#665794', textColour: '#FFFFFF' },
    ]);
  });

  it('reads only stations (location_type 1), not platforms', () => {
    expect(parseStations(STOPS_TXT)).toEqual([
      { id: 'r9', name: '马连洼', position: [116.31, 40.07] },
    ]);
  });
});

describe('buildMetroStations', () => {
  const context = createStudyContext();
  const stations = buildMetroStations(createInputs(), context);
  const named = (name: string) => stations.find((s) => s.properties.name === name)!;

  it('merges same-named station objects into one place with every line', () => {
    expect(stations.filter((s) => s.properties.name === '回龙观')).toHaveLength(1);
    const huilongguan = named('回龙观');
    expect(huilongguan.geometry).toEqual({
      type: 'MultiPoint',
      coordinates: [
        [116.3298, 40.0695],
        [116.3298, 40.072],
      ],
    });
    expect(huilongguan.properties).toMatchObject({
      lines: ['13号线', '18号线'],
      position_lines: [['13号线'], ['18号线']],
      osm_objects: ['node/1', 'node/2'],
      source: 'osm-metro',
      licence: 'ODbL-1.0',
      accuracy: 'surveyed',
      subdistrict: '回龙观街道',
    });
    expect(huilongguan.properties.note).toMatch(/missing from the OSM route stop list of 18号线/);
  });

  it('recovers a terminus outside the station file from the GTFS station at the track end', () => {
    const terminus = named('马连洼');
    expect(terminus.geometry).toEqual({ type: 'Point', coordinates: [116.31, 40.07] });
    expect(terminus.properties.lines).toEqual(['18号线']);
    expect(terminus.properties.note).toMatch(/terminus of 18号线.*r9.*11 m from the track's end/);
  });

  it('does not take a GTFS station for a track end that the clipping box cut', () => {
    // 13号线 starts at the box edge (116.25): nothing is recovered there.
    expect(stations.map((s) => s.properties.name).sort()).toEqual(['回龙观', '霍营东', '马连洼']);
  });
});

describe('buildMetroLines', () => {
  const context = createStudyContext();
  const inputs = createInputs();
  const lines = buildMetroLines(inputs, buildMetroStations(inputs, context), context);

  it('keeps the real track with the official colour and the stations in line order', () => {
    const line18 = lines.find((l) => l.properties.line === '18号线')!;
    expect(line18.geometry.coordinates).toEqual([
      [116.35, 40.072],
      [116.331, 40.072],
      [116.31, 40.0701],
    ]);
    expect(line18.properties).toMatchObject({
      id: 'metro-line-18-0',
      colour: '#665794',
      text_colour: '#FFFFFF',
      stations: ['霍营东', '回龙观', '马连洼'],
      accuracy: 'surveyed',
      licence: 'ODbL-1.0',
      attribution: '© OpenStreetMap contributors',
      osm_relation: 1018,
    });
  });

  it('clips a track to the map rectangle', () => {
    const line13 = lines.find((l) => l.properties.line === '13号线')!;
    const [west] = line13.geometry.coordinates[0]!;
    expect(west).toBeCloseTo(context.clipBbox[0], 6);
  });

  it('refuses a line without an official colour', () => {
    const noColour = { ...inputs, routes: parseRoutes(ROUTES_TXT).slice(1) };
    expect(() => buildMetroLines(noColour, [], context)).toThrow(/no colour for 13号线/);
  });
});
