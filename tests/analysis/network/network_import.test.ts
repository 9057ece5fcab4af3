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
