import { readFileSync } from 'node:fs';
import type { Feature, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { distanceToShape, toPlanarShape } from '../../../src/analysis/planar_shape';
import { measureCoverage, reachRows } from '../../../src/analysis/rows/row_coverage';
import { facilityAccess, indexEdges } from '../../../src/analysis/network/access';
import { networkFromOsm } from '../../../src/analysis/network/build';
import { areaProjection } from '../../../src/analysis/network/edges';
import { networkCoverage, prepareNetworkSamples } from '../../../src/analysis/network/coverage';
import { distanceAt, prepareSources, searchNetwork } from '../../../src/analysis/network/search';
import { osmXmlFeatures } from '../../../src/import/read_osm';

const features = osmXmlFeatures(
  readFileSync(new URL('../../fixtures/network/west-oakland.osm', import.meta.url), 'utf8'),
) as Feature[];
const tagged = (key: string, value: string) =>
  features.filter((f) => f.properties?.[key] === value && f.geometry.type !== 'Point') as Feature<
    Geometry,
    Record<string, unknown>
  >[];
const withTag = (key: string, value: string) =>
  features.filter((f) => f.properties?.[key] === value) as Feature<Geometry>[];

// Two units: the extract's west and east halves (its bounds, split at −122.3004).
const unit = (west: number, east: number, name: string): Feature<Geometry, { name: string }> => ({
  type: 'Feature',
  properties: { name },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [west, 37.80615],
        [east, 37.80615],
        [east, 37.80914],
        [west, 37.80914],
        [west, 37.80615],
      ],
    ],
  },
});
const units = [unit(-122.30258, -122.3004, 'west'), unit(-122.3004, -122.29825, 'east')];
// Residential land: the residential area and the buildings (houses) of the extract.
const residential = [
  ...tagged('landuse', 'residential'),
  ...features.filter((f) => f.properties?.building && f.geometry.type === 'Polygon'),
] as Feature<Geometry>[];

const kinds = {
  park: withTag('leisure', 'park'),
  school: withTag('amenity', 'school'),
  parking: withTag('amenity', 'parking'),
};

describe('the West Oakland extract', () => {
  // The area's projection (central meridian of the units), as the analysis uses it.
  const projection = areaProjection(units);
  const built = networkFromOsm(features, projection);
  const network = indexEdges(built.graph);

  it('builds one walking graph from its streets', () => {
    expect(kinds.park.length).toBe(1);
    expect(kinds.school.length).toBe(1);
    expect(kinds.parking.length).toBe(3);
    expect(residential.length).toBeGreaterThan(5);
    expect(built.report.walkableLines).toBeGreaterThan(20);
    // Its highway ways that are not walkable (none here but the tagging decides), never its
    // buildings or land use.
    const highways = features.filter(
      (f) => typeof f.properties?.highway === 'string' && f.geometry.type !== 'Point',
    );
    expect(built.report.walkableLines + built.report.excludedLines).toBeLessThanOrEqual(
      highways.length,
    );
    expect(built.graph.edgeFrom.length).toBeGreaterThan(built.report.walkableLines);
    const total = built.graph.edgeLength.reduce((s, l) => s + l, 0);
    // About 4 km of walkable street in a 0.13 km² extract.
    expect(total).toBeGreaterThan(2000);
    expect(total).toBeLessThan(10000);
  });

  const samples = prepareNetworkSamples(units, residential, network);

  for (const [kind, facilities] of Object.entries(kinds)) {
    for (const radiusM of [100, 200, 300]) {
      it(`${kind}, ${radiusM} m: no sample is nearer by network than in a straight line`, () => {
        const shapes = facilities.map((f) => toPlanarShape(f.geometry, projection));
        const sources = prepareSources(shapes.flatMap((s, i) => facilityAccess(network, s, i)));
        const result = searchNetwork(built.graph, sources, 'toward');
        const measured = networkCoverage(
          samples,
          network,
          facilities.map((f) => ({ geometry: f.geometry, radiusM })),
        );
        let checked = 0;
        for (let i = 0; i < samples.x.length; i++) {
          const y = samples.area.grid.y0 + (samples.row[i]! + 0.5) * samples.area.grid.spacingM;
          const straight = Math.min(...shapes.map((s) => distanceToShape(s, samples.x[i]!, y)));
          if (samples.edge[i]! < 0) continue;
          const p = { edge: samples.edge[i]!, along: samples.along[i]!, leg: samples.leg[i]! };
          const walk = distanceAt(built.graph, result, sources, p).distance;
          expect(walk).toBeGreaterThanOrEqual(straight - 1e-6);
          if (measured.served[i]) expect(straight).toBeLessThanOrEqual(radiusM);
          checked++;
        }
        expect(checked).toBeGreaterThan(100);
        // Per unit, network coverage never exceeds the straight-line coverage of the exact
        // row kernel (allowing for the 10 m sampling, 1 point).
        const straightUnits = measureCoverage(
          samples.area,
          reachRows(
            samples.area,
            facilities.map((f) => ({ geometry: f.geometry, radiusM })),
          ),
        );
        measured.units.forEach((u, k) => {
          if (u.share === null) return;
          expect(u.share).toBeLessThanOrEqual(straightUnits[k]!.share! + 0.01);
        });
      });
    }
  }
});
