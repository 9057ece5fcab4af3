import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { commandLineBuild, scriptsWithDevelopmentReact } from './command_line_build';
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
 * Builds the test bundle when dist/ is missing, a production build, older than src/, or built
 * with React's development build, as `vite build --mode e2e` builds it from the command line.
 */
export default async function setup(): Promise<void> {
  if (
    distHasTestHooks() &&
    !distOlderThanSources() &&
    scriptsWithDevelopmentReact('dist').length === 0
  )
    return;
  console.log('dist/ is not a current test build: building with --mode e2e');
  await commandLineBuild({ mode: 'e2e', logLevel: 'warn' });
}
