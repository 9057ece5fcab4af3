import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { build } from 'vite';
import { newestSourceChange } from '../../scripts/lib/sources_changed';

/** The browser tests read the map through a hook that only the `--mode e2e` build has. */
function distHasTestHooks(): boolean {
  if (!existsSync('dist/index.html') || !existsSync('dist/assets')) return false;
  return readdirSync('dist/assets')
    .filter((name) => name.endsWith('.js'))
    .some((name) => readFileSync(`dist/assets/${name}`, 'utf8').includes('__huitianMap'));
}

/** A test build older than the app's sources would test code that is no longer there. */
function distOlderThanSources(): boolean {
  return statSync('dist/index.html').mtimeMs < newestSourceChange();
}

/**
 * A bundle built with NODE_ENV other than `production` carries React's development build (its
 * JSX calls `jsxDEV`), whose StrictMode runs every effect twice: not the app users get.
 */
function distHasDevelopmentReact(): boolean {
  return readdirSync('dist/assets')
    .filter((name) => name.endsWith('.js'))
    .some((name) => readFileSync(`dist/assets/${name}`, 'utf8').includes('jsxDEV'));
}

/**
 * Builds the test bundle when dist/ is missing, a production build, older than src/, or built
 * with React's development build. Built as `vite build --mode e2e` builds it from the command
 * line: Vite keeps a NODE_ENV already set, and Vitest sets it to `test`.
 */
export default async function setup(): Promise<void> {
  if (distHasTestHooks() && !distOlderThanSources() && !distHasDevelopmentReact()) return;
  console.log('dist/ is not a current test build: building with --mode e2e');
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ mode: 'e2e', logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
