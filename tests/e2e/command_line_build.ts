import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type InlineConfig, build } from 'vite';

/**
 * Builds as `vite build` does from the command line. Vite keeps a NODE_ENV already set, and
 * Vitest sets it to `test`: a build from inside a test would otherwise carry React's
 * development build (whose StrictMode runs every effect twice), not the app users get.
 */
export async function commandLineBuild(config: InlineConfig): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build(config);
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

/** The bundle's scripts that call React's development JSX runtime (`jsxDEV`). */
export function scriptsWithDevelopmentReact(outDir: string): string[] {
  const assets = join(outDir, 'assets');
  return readdirSync(assets)
    .filter((name) => /\.m?js$/.test(name))
    .filter((name) => readFileSync(join(assets, name), 'utf8').includes('jsxDEV'));
}
