import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

const OUT = 'test-results/production-dist';
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('the production bundle (npm run build)', () => {
  it('ships no test hook, while the test build has one', async () => {
    await build({
      mode: 'production',
      logLevel: 'error',
      build: { outDir: OUT, emptyOutDir: true },
    });
    const scripts = readdirSync(join(OUT, 'assets')).filter((name) => /\.m?js$/.test(name));
    expect(scripts.length).toBeGreaterThan(2);
    const withHook = scripts.filter((name) =>
      readFileSync(join(OUT, 'assets', name), 'utf8').includes('__huitianMap'),
    );
    expect(withHook).toEqual([]);
    // The same search finds the hook in the build the browser tests run on, so it can fail.
    const testBuild = readdirSync('dist/assets').filter((name) =>
      readFileSync(join('dist/assets', name), 'utf8').includes('__huitianMap'),
    );
    expect(testBuild.length).toBeGreaterThan(0);
  });
});
