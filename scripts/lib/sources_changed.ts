import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What a build of the app is made from. */
const APP_SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/** When any of the app's sources last changed (ms since the epoch), to tell a stale build. */
export function newestSourceChange(): number {
  return Math.max(...APP_SOURCES.map(newestChange));
}
