import { readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { createFacilityIndex } from '../../../src/analysis/facility_index';
import { inspectPoint } from '../../../src/analysis/inspection';
import { indexEdges } from '../../../src/analysis/network/access';
import { graphFromFeatures } from '../../../src/analysis/network/edges';
import { inspectAlongNetwork } from '../../../src/analysis/network/inspect';
import { buildNetworkImport } from '../../../src/import/build_network';
import { readImportFile } from '../../../src/import/read';
import { isSnapTolerance, readSnapTolerance } from '../../../src/data/limits';
import type { AppFeatureCollection } from '../../../src/data/schema';
import { line, lonLat, projection } from './helpers';

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
const asFile = (features: unknown[]) =>
  new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features }));

describe('importing a walking network', () => {
  it('builds a grid of lines inside the area into 40 edges', async () => {
    const read = await readImportFile(asFile(streets), 'grid.geojson');
    const built = buildNetworkImport(read, 'WGS-84');
    expect(built.ok).toBe(true);
    if (built.ok) {
      expect(built.edges.features).toHaveLength(40);
      expect(built.lengthM).toBeCloseTo(4000, 0);
    }
  });

  it('refuses the West Oakland extract: it lies outside the area', async () => {
    const bytes = readFileSync('tests/fixtures/network/west-oakland.osm');
    const built = buildNetworkImport(await readImportFile(bytes, 'west-oakland.osm'), 'WGS-84');
    expect(built).toEqual({ ok: false, error: { code: 'outside-area' } });
  });
});

describe('the snap tolerance of plain lines', () => {
  // Two streets along one parallel: 0–200 m and 203–303 m, their ends 3 m apart.
  const gapped = asFile([
    line([
      [0, 0],
      [200, 0],
    ]),
    line([
      [203, 0],
      [303, 0],
    ]),
  ]);

  it('joins ends 3 m apart at 5 m: one network of 300 m', async () => {
    const built = buildNetworkImport(await readImportFile(gapped, 'g.geojson'), 'WGS-84', 5);
    if (!built.ok) throw new Error('not built');
    expect(built.edges.features).toHaveLength(2);
    expect(built.report).toMatchObject({ droppedEdges: 0, droppedComponents: 0 });
    // The joined node lies at one of the two ends, so the length is 200 + 100 + the 3 m gap.
    expect(built.lengthM).toBeCloseTo(303, 0);
    expect(built.snapToleranceM).toBe(5);
  });

  it('keeps them apart at 2 m: the longer street stays, the shorter is unreachable', async () => {
    const built = buildNetworkImport(await readImportFile(gapped, 'g.geojson'), 'WGS-84', 2);
    if (!built.ok) throw new Error('not built');
    expect(built.edges.features).toHaveLength(1);
    expect(built.report).toMatchObject({ droppedEdges: 1, droppedComponents: 1 });
    expect(built.lengthM).toBeCloseTo(200, 0);
    expect(built.snapToleranceM).toBe(2);
  });

  it('is recorded only for plain lines: OSM ways share their nodes', async () => {
    const osm = `<osm version="0.6">
      <node id="1" lat="40.08" lon="116.35"/><node id="2" lat="40.081" lon="116.35"/>
      <way id="10"><nd ref="1"/><nd ref="2"/><tag k="highway" v="footway"/></way></osm>`;
    const read = await readImportFile(new TextEncoder().encode(osm), 'w.osm');
    const built = buildNetworkImport(read, 'WGS-84', 5);
    expect(built.ok).toBe(true);
    if (built.ok) expect(built.snapToleranceM).toBeUndefined();
  });

  it('takes 0 to 20 m as typed, a plain decimal only', () => {
    expect(readSnapTolerance('2')).toBe(2);
    expect(readSnapTolerance('0')).toBe(0);
    expect(readSnapTolerance('20')).toBe(20);
    expect(readSnapTolerance('2.5')).toBe(2.5);
    for (const text of ['', '-1', '20.5', '21', '1e1', '0x10', 'Infinity', ' 5', '5 m']) {
      expect(readSnapTolerance(text)).toBeNull();
    }
  });

  it('is checked again where the worker builds: outside 0–20 m the file is refused', async () => {
    expect([0, 2, 20].every(isSnapTolerance)).toBe(true);
    const read = await readImportFile(gapped, 'g.geojson');
    for (const bad of [-1, 20.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(isSnapTolerance(bad)).toBe(false);
      expect(buildNetworkImport(read, 'WGS-84', bad)).toEqual({
        ok: false,
        error: { code: 'invalid-snap-tolerance', detail: String(bad) },
      });
    }
  });
});

describe('inspection along the network', () => {
  it('reaches streets within the radius and measures facilities by walking', async () => {
    const built = buildNetworkImport(await readImportFile(asFile(streets), 'g.geojson'), 'WGS-84');
    if (!built.ok) throw new Error('not built');
    const network = indexEdges(graphFromFeatures(built.edges, projection));
    // A park point at the far corner (400, 400), inspected from (0, 0) with 300 m.
    const parks = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: 'p1', name: '角落公园', counts_as_park: true, area_m2: 6000 },
          geometry: { type: 'Point', coordinates: lonLat(400, 400) },
        },
      ],
    } as unknown as AppFeatureCollection;
    const index = createFacilityIndex({ parks }, projection);
    const straight = inspectPoint(index, lonLat(0, 0) as [number, number], 300);
    const result = inspectAlongNetwork(network, projection, straight);
    expect(result.legM).toBeCloseTo(0, 3);
    const park = result.facilities.find((r) => r.facility.id === 'p1')!;
    expect(park.straightM).toBeCloseTo(400 * Math.SQRT2, 0);
    expect(park.networkM).toBeCloseTo(800, 0);
    expect(park.detour).toBeCloseTo(Math.SQRT2, 2);
    // Reached: every street point with x + y ≤ 300 (Manhattan from the corner). Streets
    // y = 0, 100, 200 give 300 + 200 + 100 m, and the same again for x = 0, 100, 200.
    const reached = turf.length(result.reachedStreets!, { units: 'meters' });
    expect(reached).toBeCloseTo(1200, -1);
    expect(result.reachableArea).not.toBeNull();
  });
});
