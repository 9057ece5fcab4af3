import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioToGeoJson } from '../../src/analysis/scenario';

const report = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/report.ts', ...args], {
    encoding: 'utf8',
  });

describe('npm run report', () => {
  it('prints JSON with one object per unit and the whole area, and the parameters', () => {
    const run = report('--format', 'json', '--park-radius', '600');
    expect(run.status).toBe(0);
    const { parameters, rows } = JSON.parse(run.stdout) as {
      parameters: { largeRadiusMeters: number };
      rows: Record<string, unknown>[];
    };
    expect(parameters.largeRadiusMeters).toBe(600);
    expect(rows).toHaveLength(8);
    expect(rows.at(-1)!.name).toBe('回天地区');
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(
        expect.arrayContaining([
          'name',
          'residential_area_m2',
          'parks',
          'kindergarten',
          'primary',
          'middle',
          'parking',
        ]),
      );
      expect(row.parking).toMatchObject({
        share: null,
        mean_distance_m: null,
        max_distance_m: null,
      });
      const share = (row.parks as { share: number }).share;
      expect(share).toBeGreaterThanOrEqual(0);
      expect(share).toBeLessThanOrEqual(1);
    }
  }, 60_000);

  it('exits with 2 and a message on a bad flag or a broken data directory', () => {
    const badFlag = report('--park-radius', 'far');
    expect(badFlag.status).toBe(2);
    expect(badFlag.stderr).toContain('--park-radius');
    const dir = mkdtempSync(join(tmpdir(), 'report-'));
    writeFileSync(join(dir, 'subdistricts.geojson'), '{not json');
    const broken = report('--data', dir);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('subdistricts.geojson');
  }, 60_000);

  it('measures a scenario file beside the data, and refuses a broken one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-'));
    const file = join(dir, 'scenario.geojson');
    const ring = [
      [116.4209, 40.0685],
      [116.4222, 40.0685],
      [116.4222, 40.0695],
      [116.4209, 40.0695],
      [116.4209, 40.0685],
    ];
    const scenario = scenarioToGeoJson({
      id: 'pocket',
      name: '天通苑北口袋公园',
      createdAt: '2026-11-29T00:00:00.000Z',
      updatedAt: '2026-11-29T00:00:00.000Z',
      edits: [
        {
          id: 'a',
          type: 'add-park',
          name: '规划公园',
          geometry: { type: 'Polygon', coordinates: [ring] },
        },
      ],
    });
    writeFileSync(file, JSON.stringify(scenario));
    const run = report('--format', 'json', '--scenario', file);
    expect(run.status).toBe(0);
    type Row = { name: string; parks: { share: number } };
    const out = JSON.parse(run.stdout) as { rows: Row[]; scenario: { name: string; rows: Row[] } };
    expect(out.scenario.name).toBe('天通苑北口袋公园');
    const before = out.rows.find((r) => r.name === '天通苑北街道')!.parks.share;
    const after = out.scenario.rows.find((r) => r.name === '天通苑北街道')!.parks.share;
    expect(after).toBeGreaterThan(before + 0.05);
    const csv = report('--format', 'csv', '--scenario', file);
    expect(csv.stdout.split('\n')[0]).toContain('scenario_parks_share');

    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [] }));
    const broken = report('--scenario', file);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('scenario.geojson');
  }, 60_000);
});
