import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const exportMaps = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/export-maps.ts', ...args], {
    encoding: 'utf8',
    timeout: 400_000,
  });

describe('npm run export-maps', () => {
  it('writes eight maps (seven units and the whole area) of the page size asked for', () => {
    const out = mkdtempSync(join(tmpdir(), 'maps-'));
    const run = exportMaps(
      '--out',
      out,
      '--dpi',
      '150',
      '--layers',
      'subdistricts,residential,parks,park-coverage',
      '--no-build',
    );
    expect(run.status, run.stderr).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(8);
    expect(files.at(-1)).toBe('08-回天地区.png');
    for (const file of files) {
      const png = readFileSync(join(out, file));
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], file).toEqual([1754, 1240]);
    }
  }, 420_000);

  it('refuses bad flags with exit code 2', () => {
    const run = exportMaps('--out', 'x', '--dpi', '600', '--no-build');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--dpi must be 150 or 300');
  });
});
