import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandLineBuild, scriptsWithDevelopmentReact } from './command_line_build';

const OUT = 'test-results/production-dist';
/** The globals the e2e build gives browser tests: the map's hooks and the print map's record. */
const HOOKS = ['__huitianMap', '__huitianPrint'];
const hasHook = (file: string, hook: string) => readFileSync(file, 'utf8').includes(hook);
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('the production bundle (npm run build)', () => {
  it('ships no test hook, while the test build has each of them', async () => {
    await commandLineBuild({
      mode: 'production',
      logLevel: 'error',
      build: { outDir: OUT, emptyOutDir: true },
    });
    // The bundle users get: React's production build, as from `npm run build`.
    expect(scriptsWithDevelopmentReact(OUT)).toEqual([]);
    const scripts = readdirSync(join(OUT, 'assets')).filter((name) => /\.m?js$/.test(name));
    expect(scripts.length).toBeGreaterThan(2);
    for (const hook of HOOKS) {
      const withHook = scripts.filter((name) => hasHook(join(OUT, 'assets', name), hook));
      expect(withHook, hook).toEqual([]);
      // The same search finds the hook in the build the browser tests run on, so it can fail.
      const testBuild = readdirSync('dist/assets').filter((name) =>
        hasHook(join('dist/assets', name), hook),
      );
      expect(testBuild.length, hook).toBeGreaterThan(0);
    }
  });
});
