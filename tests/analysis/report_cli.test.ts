import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

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
});
