/**
 * Checks of the layers the app ships (public/geo), as written by `npm run data:prepare`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { checkLayers } from '../../src/data/check';
import { LAYER_IDS, SUBDISTRICT_NAMES, type LayerId, layerFileName } from '../../src/data/layers';
import { areaOf, relativeDifference } from './helpers';

const GEO_DIR = join(import.meta.dirname, '../../public/geo');

/** Sub-district areas documented in the geo-sources README, km². */
const DOCUMENTED_AREAS_KM2: Record<string, number> = {
  东小口镇: 17.5,
  史各庄街道: 13.0,
  回龙观街道: 9.3,
  龙泽园街道: 6.2,
  霍营街道: 5.9,
  天通苑南街道: 5.0,
  天通苑北街道: 5.0,
};

const PLAN_ELEMENT_IDS = [
  'plan-axis',
  'plan-belt',
  'plan-corridor-innovation',
  'plan-corridor-services',
];

function readLayer(layer: LayerId): FeatureCollection {
  return JSON.parse(readFileSync(join(GEO_DIR, layerFileName(layer)), 'utf8')) as FeatureCollection;
}

describe.skipIf(!existsSync(GEO_DIR))('shipped layers in public/geo', () => {
  it('pass data:check (checkLayers reports no problems)', () => {
    const layers = Object.fromEntries(LAYER_IDS.map((layer) => [layer, readLayer(layer)]));
    expect(checkLayers(layers)).toEqual([]);
  });

  it('hold all seven sub-districts with the documented areas (±0.1 km²)', () => {
    const units = readLayer('subdistricts').features;
    expect(units.map((f) => String(f.properties?.name)).sort()).toEqual(
      [...SUBDISTRICT_NAMES].sort(),
    );
    for (const unit of units) {
      const name = String(unit.properties?.name);
      const documented = DOCUMENTED_AREAS_KM2[name];
      expect(documented, name).toBeDefined();
      expect(Math.abs(areaOf(unit) / 1e6 - documented!), name).toBeLessThanOrEqual(0.1);
      expect(Math.abs(Number(unit.properties?.area_km2) - documented!), name).toBeLessThanOrEqual(
        0.1,
      );
    }
  });

  // residential-osm-12 (龙腾苑四区) lies inside a Baidu block and touches its edge: the block
  // must keep it as a hole, or 0.18 km² would be counted twice.
  it('hold residential polygons that do not overlap (sum of areas = area of the union)', () => {
    const residential = readLayer('residential').features as Feature<Polygon | MultiPolygon>[];
    expect(residential.length).toBeGreaterThan(0);
    const sum = residential.reduce((total, f) => total + areaOf(f), 0);
    const union = turf.union(turf.featureCollection(residential));
    expect(union).not.toBeNull();
    expect(relativeDifference(sum, areaOf(union!))).toBeLessThan(0.001);
  }, 120_000);

  it('draw every metro line along its track, ODbL, in its official #RRGGBB colour', () => {
    const lines = readLayer('metro-lines').features;
    expect(lines.length).toBeGreaterThan(0);
    // Official colours, read off the operator's line map (not from the pipeline's table).
    const official: Record<string, string> = { '18号线': '#665794', '13号线': '#F9E700' };
    for (const line of lines) {
      const p = line.properties!;
      expect(p.accuracy, String(p.id)).toBe('surveyed');
      expect(p.licence, String(p.id)).toBe('ODbL-1.0');
      expect(p.colour, String(p.id)).toMatch(/^#[0-9A-Fa-f]{6}$/);
      if (official[p.line]) expect(p.colour, String(p.id)).toBe(official[p.line]);
    }
  });

  it('list the 11 stations of Line 18 and name each interchange once', () => {
    const stations = readLayer('metro-stations').features;
    const line18 = stations
      .filter((s) => (s.properties?.lines as string[]).includes('18号线'))
      .map((s) => String(s.properties?.name));
    expect(line18.sort()).toEqual(
      [
        '马连洼',
        '上地软件园',
        '东北旺',
        '龙泽西',
        '回龙观西大街',
        '文华路',
        '回龙观东大街',
        '霍营东',
        '天通苑',
        '太平庄',
        '天通苑东',
      ].sort(),
    );
    const names = stations.map((s) => String(s.properties?.name));
    expect(names.length).toBe(new Set(names).size);
  });

  it('hold the plan layout: axis, belt, two corridors and four clusters, each with plan text', () => {
    const elements = readLayer('plan-layout').features;
    const ids = elements.map((f) => String(f.properties?.id));
    expect(ids).toHaveLength(8);
    expect(ids).toEqual(expect.arrayContaining(PLAN_ELEMENT_IDS));
    expect(ids.filter((id) => id.startsWith('plan-cluster-'))).toHaveLength(4);
    for (const element of elements) {
      const text = element.properties?.plan_text;
      expect(
        typeof text === 'string' && text.trim().length > 0,
        String(element.properties?.id),
      ).toBe(true);
    }
  });
});
