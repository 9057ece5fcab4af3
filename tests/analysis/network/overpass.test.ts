import { readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { overpassQuery } from '../../../src/analysis/network/overpass';

describe('the Overpass query for a network extract', () => {
  it('covers the box, rounded outward, and is the one docs/ gives', () => {
    // The seven units' bounding box, from the shipped boundaries.
    const units = JSON.parse(readFileSync('public/geo/subdistricts.geojson', 'utf8'));
    const query = overpassQuery(turf.bbox(units));
    expect(query).toContain('[bbox:40.035,116.252,40.116,116.442]');
    expect(query).toContain('footway|path|pedestrian|steps');
    expect(readFileSync('docs/walking-network.md', 'utf8')).toContain(query);
  });
});
