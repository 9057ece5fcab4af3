import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(entry.name) ? [path] : [];
  });
}

/** The packages a file imports by name, as TypeScript reads its imports. */
function importedPackages(text: string): string[] {
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((s) => !s.startsWith('.') && !s.startsWith('/') && !s.startsWith('virtual:'))
    .filter((s) => !s.startsWith('node:') && !builtinModules.includes(s))
    .map((s) =>
      s
        .split('?')[0]!
        .split('/')
        .slice(0, s.startsWith('@') ? 2 : 1)
        .join('/'),
    );
}

/** A name only types are imported from (`geojson`) is declared through its `@types` package. */
const declaredIn = (names: Record<string, string>, name: string) =>
  name in names || `@types/${name}` in manifest.devDependencies;

describe('declared dependencies', () => {
  it('declares every package the app imports as a dependency of its own', () => {
    const undeclared = new Set<string>();
    for (const file of sourceFiles('src')) {
      for (const name of importedPackages(readFileSync(file, 'utf8'))) {
        if (!declaredIn(manifest.dependencies, name)) undeclared.add(`${name} (${file})`);
      }
    }
    expect([...undeclared]).toEqual([]);
  });

  it('declares every package the scripts and tests import', () => {
    const declared = { ...manifest.dependencies, ...manifest.devDependencies };
    const undeclared = new Set<string>();
    for (const file of [...sourceFiles('scripts'), ...sourceFiles('tests')]) {
      for (const name of importedPackages(readFileSync(file, 'utf8'))) {
        if (!declaredIn(declared, name)) undeclared.add(`${name} (${file})`);
      }
    }
    expect([...undeclared]).toEqual([]);
  });
});
