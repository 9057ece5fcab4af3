import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toPlanarShape } from '../../../src/analysis/planar_shape';
import { facilityAccess, indexEdges, nearestEdgePoint } from '../../../src/analysis/network/access';
import { networkFromLines, networkFromOsm } from '../../../src/analysis/network/build';
import { BACKWARD, BOTH, FORWARD } from '../../../src/analysis/network/graph';
import {
  type SourcePoint,
  distanceAt,
  prepareSources,
  searchNetwork,
} from '../../../src/analysis/network/search';
import { osmWalkDirection } from '../../../src/analysis/network/walkable';
import { streetGrid } from '../../../scripts/bench/street_grid';
import { line, lonLat, planar, projection, rectangle } from './helpers';

/** One facility at a planar point, searched toward (residents walking to it). */
function distancesTo(
  built: ReturnType<typeof networkFromLines>,
  facility: [number, number],
  direction: 'away' | 'toward' = 'toward',
) {
  const ix = indexEdges(built.graph);
  const shape = toPlanarShape({ type: 'Point', coordinates: lonLat(...facility) }, projection);
  const sources = prepareSources(facilityAccess(ix, shape, 0));
  const result = searchNetwork(built.graph, sources, direction);
  return (x: number, y: number) => {
    const p = nearestEdgePoint(ix, ...planar(x, y));
    return p ? distanceAt(built.graph, result, sources, p).distance : null;
  };
}

describe('square grid', () => {
  // Five streets each way, 100 m apart, drawn as long lines that cross.
  const streets = [0, 100, 200, 300, 400].flatMap((v) => [
    line([
      [0, v],
      [400, v],
    ]),
    line([
      [v, 0],
      [v, 400],
    ]),
  ]);
  const built = networkFromLines(streets, projection);

  it('is split at every crossing: 25 nodes, 40 edges', () => {
    expect(built.graph.nodeX.length).toBe(25);
    expect(built.graph.edgeFrom.length).toBe(40);
    expect(built.report.droppedEdges).toBe(0);
  });

  it('gives Manhattan distances from a corner', () => {
    const at = distancesTo(built, [0, 0]);
    for (const [x, y] of [
      [100, 0],
      [300, 200],
      [400, 400],
      [250, 100], // half-way along a block
    ] as [number, number][]) {
      expect(at(x, y)).toBeCloseTo(x + y, 3);
    }
    // A house 20 m off the street at (150, 120): leg 20 m, then 100 + 150.
    expect(at(150, 120)).toBeCloseTo(20 + 100 + 150, 3);
  });
});

describe('a street with a gap', () => {
  it('keeps the longer part and reports the other as unreachable', () => {
    const long = line([
      [0, 0],
      [500, 0],
    ]);
    const short = line([
      [510, 0],
      [700, 0],
    ]);
    const built = networkFromLines([long, short], projection);
    expect(built.graph.edgeFrom.length).toBe(1);
    expect(built.report).toMatchObject({ droppedEdges: 1, droppedComponents: 1 });
    const at = distancesTo(built, [0, 0]);
    // Beyond the gap the nearest street is the kept one's end, 200 m away in a straight leg.
    expect(at(700, 0)).toBeCloseTo(500 + 200, 3);
    expect(at(1100, 0)).toBeNull(); // 600 m from the network: not reached
  });

  it('joins ends closer than the 2 m snap tolerance', () => {
    const built = networkFromLines(
      [
        line([
          [0, 0],
          [500, 0],
        ]),
        line([
          [501.5, 0],
          [700, 0],
        ]),
      ],
      projection,
    );
    expect(built.report.droppedEdges).toBe(0);
    expect(distancesTo(built, [0, 0])(700, 0)).toBeCloseTo(700, 0);
  });

  it('leaves out lines marked not walkable', () => {
    const built = networkFromLines(
      [
        line([
          [0, 0],
          [100, 0],
        ]),
        line(
          [
            [0, 10],
            [900, 10],
          ],
          { walkable: 'no' },
        ),
      ],
      projection,
    );
    expect(built.report.excludedLines).toBe(1);
    expect(built.graph.edgeFrom.length).toBe(1);
  });
});

describe('a one-way footbridge over a motorway', () => {
  // Two streets 60 m apart with a motorway between them; a footbridge (no shared node with
  // the motorway) lets people cross from north to south only.
  const osm = [
    line(
      [
        [0, 0],
        [400, 0],
      ],
      { highway: 'motorway' },
    ),
    line(
      [
        [0, 30],
        [200, 30],
        [400, 30],
      ],
      { highway: 'residential' },
    ),
    line(
      [
        [0, -30],
        [200, -30],
        [400, -30],
      ],
      { highway: 'residential' },
    ),
    line(
      [
        [200, 30],
        [200, -30],
      ],
      { highway: 'footway', bridge: 'yes', oneway: 'yes' },
    ),
  ];
  const built = networkFromOsm(osm, projection);

  it('leaves the motorway out and splits the streets at the bridge', () => {
    expect(built.report.excludedLines).toBe(1);
    expect(built.graph.edgeFrom.length).toBe(5);
  });

  it('crosses north to south over the bridge, never back', () => {
    // A facility on the south street at x = 400; residents on the north street at x = 0.
    expect(distancesTo(built, [400, -30])(0, 30)).toBeCloseTo(200 + 60 + 200, 3);
    expect(distancesTo(built, [0, 30])(400, -30)).toBe(Infinity);
    // Walking away from a point on the north street reaches the south street; not back.
    expect(distancesTo(built, [0, 30], 'away')(400, -30)).toBeCloseTo(460, 3);
  });

  it('walks a motorway only with foot=yes or a sidewalk', () => {
    expect(osmWalkDirection({ highway: 'motorway' })).toBe(0);
    expect(osmWalkDirection({ highway: 'trunk', sidewalk: 'both' })).toBe(BOTH);
    expect(osmWalkDirection({ highway: 'trunk_link', foot: 'yes' })).toBe(BOTH);
    expect(osmWalkDirection({ highway: 'residential', access: 'private' })).toBe(0);
    expect(osmWalkDirection({ highway: 'footway', foot: 'no' })).toBe(0);
    expect(osmWalkDirection({ highway: 'service', access: 'private', foot: 'yes' })).toBe(BOTH);
    expect(osmWalkDirection({ highway: 'primary', oneway: 'yes' })).toBe(BOTH);
    expect(osmWalkDirection({ highway: 'steps', oneway: '-1' })).toBe(BACKWARD);
    expect(osmWalkDirection({ highway: 'residential', 'oneway:foot': 'yes' })).toBe(FORWARD);
    expect(osmWalkDirection({ highway: 'cycleway' })).toBe(0);
    expect(osmWalkDirection({ highway: 'tertiary' })).toBe(BOTH);
  });
});

describe('a park reached only through its gate', () => {
  // A fenced park 100 m square north of a street that runs 50 m below it (beyond the 30 m
  // reach); a 50 m path from the street at x = 300 leads to its gate in the south side.
  const street = line([
    [0, 0],
    [300, 0],
    [600, 0],
  ]);
  const gatePath = line([
    [300, 0],
    [300, 50],
  ]);
  const built = networkFromLines([street, gatePath], projection);
  const ix = indexEdges(built.graph);
  const park = toPlanarShape(rectangle(250, 50, 350, 150).geometry, projection);

  it('is reached at the gate only', () => {
    const access = facilityAccess(ix, park, 0);
    expect(access.length).toBeGreaterThan(0);
    for (const a of access) expect(a.leg).toBeLessThanOrEqual(30);
    const sources = prepareSources(access);
    const result = searchNetwork(built.graph, sources, 'toward');
    const at = (x: number, y: number) =>
      distanceAt(built.graph, result, sources, nearestEdgePoint(ix, ...planar(x, y))!).distance;
    // From the street's west end: 300 m along it, then 50 m up the path to the gate.
    expect(at(0, 0)).toBeCloseTo(350, 3);
    // Right below the park's corner, 50 m away in a straight line, the walk is 100 m.
    expect(at(250, 0)).toBeCloseTo(100, 3);
  });

  it('is not reached when the gate path is missing', () => {
    const onlyStreet = networkFromLines([street], projection);
    expect(facilityAccess(indexEdges(onlyStreet.graph), park, 0)).toEqual([]);
  });
});

/** A random network: a jittered grid with some links missing and some one-way. */
const randomNetwork = fc
  .record({
    size: fc.integer({ min: 2, max: 6 }),
    drop: fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
    oneway: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 60, maxLength: 60 }),
    jitter: fc.array(fc.integer({ min: -30, max: 30 }), { minLength: 72, maxLength: 72 }),
  })
  .map(({ size, drop, oneway, jitter }) =>
    streetGrid(size, size, 100, {
      shift: (n) => [jitter[2 * n]!, jitter[2 * n + 1]!],
      direction: (k) => {
        if (drop[k % 60] && k % 7 !== 0) return null;
        const o = oneway[k % 60]!;
        return o === 0 ? FORWARD : o === 1 ? BACKWARD : BOTH;
      },
    }),
  );

describe('multi-source search', () => {
  it('agrees with one search per facility on random networks', () => {
    fc.assert(
      fc.property(
        randomNetwork,
        fc.array(
          fc.record({
            edge: fc.nat(),
            t: fc.double({ min: 0, max: 1, noNaN: true }),
            leg: fc.integer({ min: 0, max: 80 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.constantFrom('away' as const, 'toward' as const),
        (graph, raw, direction) => {
          const edges = graph.edgeFrom.length;
          if (edges === 0) return;
          const points: SourcePoint[] = raw.map((r, source) => {
            const edge = r.edge % edges;
            return { edge, along: r.t * graph.edgeLength[edge]!, leg: r.leg, source };
          });
          const all = prepareSources(points);
          const together = searchNetwork(graph, all, direction);
          const alone = points.map((p) => {
            const sources = prepareSources([p]);
            return { sources, result: searchNetwork(graph, sources, direction) };
          });
          for (let n = 0; n < graph.nodeX.length; n++) {
            const best = Math.min(...alone.map((a) => a.result.distance[n]!));
            expect(together.distance[n]).toBeCloseTo(best, 6);
            if (best < Infinity) {
              expect(alone[together.source[n]!]!.result.distance[n]).toBeCloseTo(best, 6);
            }
          }
          // And at places along every edge.
          for (let e = 0; e < edges; e++) {
            const p = { edge: e, along: graph.edgeLength[e]! / 3, leg: 5 };
            const best = Math.min(
              ...alone.map((a) => distanceAt(graph, a.result, a.sources, p).distance),
            );
            expect(distanceAt(graph, together, all, p).distance).toBeCloseTo(best, 6);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
