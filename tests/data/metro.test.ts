import { describe, expect, it } from 'vitest';
import {
  buildMetroLines,
  buildMetroStations,
  linesFromRelations,
  parseCsv,
  parseRoutes,
  parseStops,
} from '../../scripts/pipeline/metro';
import { createStudyContext } from './helpers';

/**
 * A tiny GTFS feed in the shape of subway/stops.txt: three stations (location_type 1) and their
 * platform stop positions (location_type 0) pointing at them, plus one entrance (2).
 */
const STOPS_TXT = [
  '\uFEFFstop_id,stop_code,stop_name,stop_lat,stop_lon,location_type,parent_station',
  'r10,130011,霍营,40.0716,116.3602,1,',
  'n11,130011,霍营(上行),40.0717,116.3603,0,r10',
  'n12,130011,霍营(下行),40.0715,116.3601,0,r10',
  'r20,130013,回龙观,40.0695,116.3298,1,',
  'n21,130013,回龙观(上行),40.0696,116.3299,0,r20',
  'n22,,回龙观 出口,40.0690,116.3290,2,r20',
  'r30,130015,龙泽,40.0706,116.3192,1,',
  'n31,130015,龙泽(上行),40.0707,116.3193,0,r30',
  'r40,270009,生命科学园,40.0944,116.2941,1,',
  'n41,270009,生命科学园(上行),40.0945,116.2942,0,r40',
  'n42,270011,朱辛庄(上行),40.1002,116.3115,0,',
].join('\r\n');

const ROUTES_TXT = [
  'route_id,agency_id,route_short_name,route_long_name,route_type,route_color',
  '13,bjsubway,13号线,北京地铁13号线,1,f9e700',
  'cp,bjsubway,昌平线,北京地铁昌平线,1,DE82B2',
  '',
].join('\n');

/** OSM route relations as in subway/route.json: members are stop nodes in route order. */
function createRelation(tags: Record<string, string>, stopNodes: number[]) {
  return {
    tags: { type: 'route', route: 'subway', network: '北京地铁', ...tags },
    members: [
      ...stopNodes.map((ref) => ({ type: 'n', ref, role: 'stop' })),
      { type: 'w', ref: 999, role: '' },
    ],
  };
}

describe('parseCsv', () => {
  it('reads rows as records keyed by the header, without BOM or CR, skipping blank lines', () => {
    const rows = parseCsv('\uFEFFa,b,c\r\n1,2,3\r\n\r\n4,,6\r\n');
    expect(rows).toEqual([
      { a: '1', b: '2', c: '3' },
      { a: '4', b: '', c: '6' },
    ]);
  });

  it('fills missing trailing cells with empty strings', () => {
    expect(parseCsv('a,b,c\n1')).toEqual([{ a: '1', b: '', c: '' }]);
  });
});

describe('parseStops', () => {
  it('reads stops by id with numeric positions and their parent station', () => {
    const stops = parseStops(STOPS_TXT);
    expect(stops.size).toBe(11);
    expect(stops.get('n21')).toEqual({
      id: 'n21',
      name: '回龙观(上行)',
      lon: 116.3299,
      lat: 40.0696,
      locationType: '0',
      parent: 'r20',
    });
    expect(stops.get('r20')?.parent).toBe('');
  });
});

describe('parseRoutes', () => {
  it('reads the short name and the colour as upper-case #RRGGBB', () => {
    expect(parseRoutes(ROUTES_TXT)).toEqual([
      { id: '13', shortName: '13号线', colour: '#F9E700' },
      { id: 'cp', shortName: '昌平线', colour: '#DE82B2' },
    ]);
  });
});

describe('linesFromRelations', () => {
  const stops = parseStops(STOPS_TXT);
  const routes = parseRoutes(ROUTES_TXT);

  it('orders stations by relation member order, mapping stop positions to their stations', () => {
    const relations = {
      r1: createRelation({ name: '地铁13号线: 西直门 → 东直门', ref: '13' }, [31, 21, 11]),
    };
    const [line, ...others] = linesFromRelations(relations, stops, routes);
    expect(others).toEqual([]);
    expect(line?.route.id).toBe('13');
    expect(line?.stations.map((s) => s.name)).toEqual(['龙泽', '回龙观', '霍营']);
    expect(line?.stations.map((s) => s.id)).toEqual(['r30', 'r20', 'r10']);
  });

  it('lists a station once when two consecutive stops belong to it', () => {
    const relations = {
      r1: createRelation({ name: '地铁13号线', ref: '13' }, [21, 11, 12]),
    };
    const [line] = linesFromRelations(relations, stops, routes);
    expect(line?.stations.map((s) => s.id)).toEqual(['r20', 'r10']);
  });

  it('ignores members that are not stops', () => {
    const relation = createRelation({ name: '地铁13号线', ref: '13' }, [31, 21]);
    relation.members.splice(1, 0, { type: 'n', ref: 11, role: 'platform' });
    const [line] = linesFromRelations({ r1: relation }, stops, routes);
    expect(line?.stations.map((s) => s.id)).toEqual(['r30', 'r20']);
  });

  it('maps 昌平线 (OSM ref 27) to the GTFS route 昌平线, keeping a stop without parent as is', () => {
    const relations = {
      r2111424: createRelation({ name: '地铁 昌平线: 昌平西山口 → 蓟门桥', ref: '27' }, [42, 41]),
    };
    const [line] = linesFromRelations(relations, stops, routes);
    expect(line?.route).toEqual({
      id: 'cp',
      shortName: '昌平线',
      colour: '#DE82B2',
    });
    expect(line?.stations.map((s) => s.id)).toEqual(['n42', 'r40']);
  });

  it('takes one direction per line and skips other networks and non-subway routes', () => {
    const relations = {
      a: createRelation({ name: '地铁13号线: 西直门 → 东直门', ref: '13' }, [31, 21, 11]),
      b: createRelation({ name: '地铁13号线: 东直门 → 西直门', ref: '13' }, [11, 21, 31]),
      c: createRelation({ name: '地铁 昌平线', ref: '27', network: '天津地铁' }, [41]),
      d: createRelation({ name: '13路', ref: '13', route: 'bus' }, [21]),
    };
    const lines = linesFromRelations(relations, stops, routes);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.stations.map((s) => s.name)).toEqual(['龙泽', '回龙观', '霍营']);
  });
});

describe('buildMetroStations and buildMetroLines', () => {
  const context = createStudyContext();
  const lines = linesFromRelations(
    { r1: createRelation({ name: '地铁13号线', ref: '13' }, [31, 21, 11]) },
    parseStops(STOPS_TXT),
    parseRoutes(ROUTES_TXT),
  );

  it('draws a schematic line through the stations in route order, in the line colour', () => {
    const [line, ...others] = buildMetroLines(lines, context);
    expect(others).toEqual([]);
    expect(line?.geometry.coordinates).toEqual([
      [116.3192, 40.0706],
      [116.3298, 40.0695],
      [116.3602, 40.0716],
    ]);
    expect(line?.properties).toMatchObject({
      id: 'metro-line-13-0',
      line: '13号线',
      colour: '#F9E700',
      accuracy: 'schematic',
      stations: ['龙泽', '回龙观', '霍营'],
    });
  });

  it('keeps the stations within the study extent, with the lines that stop there', () => {
    const stations = buildMetroStations(lines, context);
    // 霍营 (116.3602) is about 1.7 km east of the 2 km test unit: beyond the 1.5 km margin.
    expect(stations.map((s) => s.properties.name)).toEqual(['回龙观', '龙泽']);
    expect(stations[0]?.properties).toMatchObject({
      lines: ['13号线'],
      subdistrict: '回龙观街道',
      accuracy: 'surveyed',
    });
  });
});
