import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const report = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/report.ts', ...args], {
    encoding: 'utf8',
  });
const FIXTURE = 'tests/fixtures/network/west-oakland.osm';

describe('npm run report -- --network', () => {
  it('adds `network` beside every straight-line figure and names the network', () => {
    const plain = JSON.parse(report('--format', 'json').stdout) as { rows: object[] };
    const run = report('--format', 'json', '--network', FIXTURE);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as {
      rows: Record<string, unknown>[];
      network_source: Record<string, unknown>;
    };
    expect(out.network_source).toMatchObject({ file: 'west-oakland.osm' });
    expect(out.network_source.edges).toBeGreaterThan(20);
    out.rows.forEach((row, i) => {
      const { network, ...rest } = row;
      // Every straight-line field is still there, with the same values.
      expect(rest).toEqual(plain.rows[i]);
      expect(Object.keys(network as object)).toEqual([
        'parks',
        'kindergarten',
        'primary',
        'middle',
        'parking',
      ]);
      // The extract lies in West Oakland: it reaches none of the units' land, which is shown
      // as no figure, not as 0% coverage.
      expect((network as { parks: unknown }).parks).toEqual({
        covered_m2: null,
        share: null,
        reached_m2: 0,
        reached_share: 0,
      });
    });
    const md = report('--network', FIXTURE);
    expect(md.stdout).toContain('Walking network west-oakland.osm');
    const csv = report('--format', 'csv', '--network', FIXTURE);
    expect(csv.stdout.split('\n')[0]).toContain('network_parks_share');
  }, 120_000);

  it('refuses a file without walkable lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'network-'));
    const file = join(dir, 'points.geojson');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: {},
            geometry: { type: 'Point', coordinates: [116.33, 40.07] },
          },
        ],
      }),
    );
    const run = report('--network', file);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no walkable lines');
    expect(report('--network', join(dir, 'missing.osm')).status).toBe(2);
  }, 60_000);
});
