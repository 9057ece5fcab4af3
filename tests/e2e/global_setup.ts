import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { build } from 'vite';

/** The browser tests read the map through a hook that only the `--mode e2e` build has. */
function distHasTestHooks(): boolean {
  if (!existsSync('dist/index.html') || !existsSync('dist/assets')) return false;
  return readdirSync('dist/assets')
    .filter((name) => name.endsWith('.js'))
    .some((name) => readFileSync(`dist/assets/${name}`, 'utf8').includes('__huitianMap'));
}

/** Builds the test bundle when dist/ is missing or is a production build. */
export default async function setup(): Promise<void> {
  if (distHasTestHooks()) return;
  console.log('dist/ has no test hooks: building with --mode e2e');
  await build({ mode: 'e2e', logLevel: 'warn' });
}
