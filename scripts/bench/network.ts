import { readFileSync } from 'node:fs';
import type { Feature, Geometry } from 'geojson';
import { type EdgeIndex, facilityAccess, indexEdges } from '../../src/analysis/network/access';
import { networkFromOsm } from '../../src/analysis/network/build';
import { networkCoverage, prepareNetworkSamples } from '../../src/analysis/network/coverage';
import { areaProjection } from '../../src/analysis/network/edges';
import type { WalkGraph } from '../../src/analysis/network/graph';
import { type SourcePoint, prepareSources, searchNetwork } from '../../src/analysis/network/search';
import { sinusoidalProjection } from '../../src/analysis/local_projection';
import { toPlanarShape } from '../../src/analysis/planar_shape';
import { osmLayerOf } from '../../src/import/osm_tags';
import { osmXmlFeatures } from '../../src/import/read_osm';
import { streetGrid } from './street_grid';

const FIXTURE = 'tests/fixtures/network/west-oakland.osm';
const RADIUS_M = 500;
const RUNS = 9;
const WARM_UP = 5;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const ms = (v: number) => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(2)} ms`);

function timed<T>(run: () => T): { ms: number; value: T } {
  for (let i = 0; i < WARM_UP; i++) run();
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    value = run();
    times.push(performance.now() - start);
  }
  return { ms: median(times), value };
}

/** Each timed sample of a pair runs its side at least this long, so a sample is not noise. */
const SAMPLE_MS = 5;
const PAIR_SAMPLES = 15;

/**
 * Two ways to the same answer, timed in alternating samples so that the machine's load falls
 * on both alike: per side, the fastest sample's time of one run (the least disturbed by other
 * work on a shared machine; sub-millisecond medians there varied 3× between runs).
 */
function timedPair<A, B>(a: () => A, b: () => B): { a: number; b: number; values: [A, B] } {
  const repeats = (run: () => unknown) => {
    for (let i = 0; i < WARM_UP; i++) run();
    const start = performance.now();
    run();
    return Math.max(1, Math.ceil(SAMPLE_MS / Math.max(1e-3, performance.now() - start)));
  };
  const [ra, rb] = [repeats(a), repeats(b)];
  const sample = (run: () => unknown, count: number) => {
    const start = performance.now();
    for (let i = 0; i < count; i++) run();
    return (performance.now() - start) / count;
  };
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < PAIR_SAMPLES; i++) {
    ta.push(sample(a, ra));
    tb.push(sample(b, rb));
  }
  return { a: Math.min(...ta), b: Math.min(...tb), values: [a(), b()] };
}

/**
 * Every node's walking distance to the nearest facility within RADIUS_M: one multi-source
 * search against one search per facility (then the minimum per node), checked equal.
 */
function compareSearches(label: string, graph: WalkGraph, access: SourcePoint[][]): string {
  const facilities = access.filter((a) => a.length > 0);
  const pair = timedPair(
    () => searchNetwork(graph, prepareSources(facilities.flat()), 'toward', RADIUS_M),
    () => {
      const best = new Float64Array(graph.nodeX.length).fill(Infinity);
      for (const a of facilities) {
        const d = searchNetwork(graph, prepareSources(a), 'toward', RADIUS_M).distance;
        for (let n = 0; n < best.length; n++) if (d[n]! < best[n]!) best[n] = d[n]!;
      }
      return best;
    },
  );
  const together = { ms: pair.a, value: pair.values[0] };
  const alone = { ms: pair.b, value: pair.values[1] };
  for (let n = 0; n < graph.nodeX.length; n++) {
    const a = together.value.distance[n]!;
    const b = alone.value[n]!;
    if (a !== b && Math.abs(a - b) > 1e-6)
      throw new Error(`${label}: searches disagree at node ${n}`);
  }
  // The work each side must do: nodes settled. The ratio of times cannot much exceed this
  // (each node lies within the radius of this many facilities on average) plus the fixed cost
  // of each separate search.
  const reached = (d: Float64Array) => d.reduce((k, v) => (v < Infinity ? k + 1 : k), 0);
  const settledTogether = reached(together.value.distance);
  const settledAlone = facilities.reduce(
    (k, a) => k + reached(searchNetwork(graph, prepareSources(a), 'toward', RADIUS_M).distance),
    0,
  );
  return `network, ${label}: ${graph.edgeFrom.length} edges, ${facilities.length} facilities, ${RADIUS_M} m — multi-source ${ms(together.ms)}, one search per facility ${ms(alone.ms)} — ratio ${(alone.ms / together.ms).toFixed(0)}× (nodes settled ${settledTogether} against ${settledAlone}: ${(settledAlone / settledTogether).toFixed(1)}×)`;
}

function randomPoints(count: number, size: number, seed: number): [number, number][] {
  let s = seed;
  const random = () => (s = (s * 16807) % 2147483647) / 2147483647;
  return Array.from({ length: count }, () => [random() * size, random() * size]);
}

const pointAccess = (ix: EdgeIndex, points: [number, number][]) =>
  points.map(([x, y], i) =>
    facilityAccess(ix, { points: [x, y], paths: [], rings: [], bbox: [x, y, x, y] }, i),
  );

export function benchNetwork(): string[] {
  const lines: string[] = [];
  // The real fixture: every facility it holds (park, school, car parks, clinics …).
  const features = osmXmlFeatures(readFileSync(FIXTURE, 'utf8')) as Feature[];
  const facilities = features.filter(
    (f) =>
      osmLayerOf(f.properties ?? {}).layer !== null &&
      osmLayerOf(f.properties ?? {}).layer !== 'residential',
  );
  const projection = areaProjection(facilities);
  const fixture = networkFromOsm(features, projection);
  const fixtureIndex = indexEdges(fixture.graph);
  const fixtureAccess = facilities.map((f, i) =>
    facilityAccess(fixtureIndex, toPlanarShape(f.geometry, projection), i),
  );
  lines.push(compareSearches('real fixture (West Oakland OSM)', fixture.graph, fixtureAccess));

  // 100× the fixture: a grid with 100 times its edges and facilities.
  const edges = fixture.graph.edgeFrom.length * 100;
  const side = Math.ceil(Math.sqrt(edges / 2)) + 1;
  const grid = streetGrid(side, side, 60);
  const gridIndex = indexEdges(grid);
  const facilityCount = fixtureAccess.filter((a) => a.length > 0).length * 100;
  lines.push(
    compareSearches(
      `100× synthetic grid (${side}×${side} streets 60 m apart)`,
      grid,
      pointAccess(gridIndex, randomPoints(facilityCount, (side - 1) * 60, 7)),
    ),
  );

  // Whole-area network coverage on a 50,000-edge grid: 4 units, residential blocks in every
  // other cell, a park every 600 m.
  const bigSide = 159; // 2·158·159 = 50,244 edges
  const step = 50;
  const extent = (bigSide - 1) * step;
  const areaProj = sinusoidalProjection(116.35);
  const originY = areaProj.forward([116.35, 40.0])[1];
  const ring = (x0: number, y0: number, x1: number, y1: number) =>
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ].map(([x, y]) => areaProj.inverse([x! - extent / 2, y! + originY]));
  const polygon = (
    x0: number,
    y0: number,
    x1: number,
    y1: number,
    properties: Record<string, unknown> = {},
  ): Feature<Geometry, Record<string, unknown>> => ({
    type: 'Feature',
    properties,
    geometry: { type: 'Polygon', coordinates: [ring(x0, y0, x1, y1)] },
  });
  const half = extent / 2;
  const units = [
    polygon(0, 0, half, half, { name: 'SW' }),
    polygon(half, 0, extent, half, { name: 'SE' }),
    polygon(0, half, half, extent, { name: 'NW' }),
    polygon(half, half, extent, extent, { name: 'NE' }),
  ] as Feature<Geometry, { name: string }>[];
  const blocks: Feature<Geometry>[] = [];
  const parks: Feature<Geometry>[] = [];
  for (let j = 0; j + 1 < bigSide; j += 2) {
    for (let i = 0; i + 1 < bigSide; i += 2) {
      const [x, y] = [i * step + 8, j * step + 8];
      if (i % 12 === 0 && j % 12 === 0) parks.push(polygon(x, y, x + step - 16, y + step - 16));
      else blocks.push(polygon(x, y, x + step - 16, y + step - 16));
    }
  }
  // The grid in the units' projection (x shifted like the polygons).
  const big = streetGrid(bigSide, bigSide, step, { origin: [-extent / 2, originY] });
  const start = performance.now();
  const bigIndex = indexEdges(big);
  const samples = prepareNetworkSamples(units, blocks, bigIndex);
  const preparedMs = performance.now() - start;
  const coverage = timed(() =>
    networkCoverage(
      samples,
      bigIndex,
      parks.map((p) => ({ geometry: p.geometry, radiusM: RADIUS_M })),
    ),
  );
  const whole = coverage.value.units.reduce(
    (s, u) => [s[0]! + u.coveredM2, s[1]! + u.residentialAreaM2],
    [0, 0],
  );
  lines.push(
    `network coverage, ${big.edgeFrom.length}-edge grid: ${blocks.length} residential blocks, ${parks.length} parks, ${samples.x.length} samples — preparing (index, samples joined to the network) ${ms(preparedMs)}, whole-area coverage ${ms(coverage.ms)} (${((whole[0]! / whole[1]!) * 100).toFixed(1)}% within ${RADIUS_M} m)`,
  );
  return lines;
}
