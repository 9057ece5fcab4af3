/**
 * npm run export-maps -- --out DIR [--paper A4|A3] [--orientation landscape|portrait]
 *   [--dpi 150|300] [--format png|pdf] [--layers parks,park-coverage] [--no-build]
 *
 * Builds and serves the app, then writes one print map per sub-district and one of the whole
 * area through the app's own export, in headless Chromium. `--layers` takes layer ids and the
 * analyses park-coverage, school-coverage and parking-coverage. Bad flags exit with code 2.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as turf from '@turf/turf';
import type { FeatureCollection, Polygon } from 'geojson';
import { build } from 'vite';
import { WHOLE_AREA_NAME } from '../src/analysis/coverage_report';
import { LAYER_IDS, type LayerId } from '../src/data/layers';
import { openPage, startSession, stopSession } from './lib/browser';
import { UsageError } from './report/options';

const ANALYSES: Record<string, string> = {
  'park-coverage': 'parks',
  'school-coverage': 'schools',
  'parking-coverage': 'parking',
};

interface Options {
  out: string;
  paper: string;
  orientation: string;
  dpi: string;
  format: string;
  layers: LayerId[] | null;
  analysis: string | null;
  build: boolean;
}

function parse(args: string[]): Options {
  const options: Options = {
    out: '',
    paper: 'A4',
    orientation: 'landscape',
    dpi: '300',
    format: 'png',
    layers: null,
    analysis: null,
    build: true,
  };
  const allowed: Record<string, string[]> = {
    '--paper': ['A4', 'A3'],
    '--orientation': ['landscape', 'portrait'],
    '--dpi': ['150', '300'],
    '--format': ['png', 'pdf'],
  };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    if (flag === '--no-build') {
      options.build = false;
      continue;
    }
    const value = args[++i];
    if (value === undefined || value.startsWith('--'))
      throw new UsageError(`${flag} needs a value`);
    if (flag === '--out') options.out = value;
    else if (flag in allowed) {
      if (!allowed[flag]!.includes(value)) {
        throw new UsageError(`${flag} must be ${allowed[flag]!.join(' or ')}, not ${value}`);
      }
      (options as unknown as Record<string, string>)[flag.slice(2)] = value;
    } else if (flag === '--layers') {
      const names = value.split(',').filter(Boolean);
      const unknown = names.filter(
        (n) => !(n in ANALYSES) && !(LAYER_IDS as readonly string[]).includes(n),
      );
      if (unknown.length > 0) throw new UsageError(`unknown layers: ${unknown.join(', ')}`);
      options.layers = names.filter((n): n is LayerId =>
        (LAYER_IDS as readonly string[]).includes(n),
      );
      options.analysis = names.map((n) => ANALYSES[n]).find(Boolean) ?? null;
    } else throw new UsageError(`unknown flag ${flag}`);
  }
  if (!options.out) throw new UsageError('--out DIR is required');
  return options;
}

/** The MapLibre view (512-px tiles) that fits a box into a map of the given CSS size. */
function fitView(bbox: number[], width: number, height: number) {
  const x = (lon: number) => (lon + 180) / 360;
  const y = (lat: number) => {
    const s = Math.sin((lat * Math.PI) / 180);
    return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
  };
  const [w, s, e, n] = bbox as [number, number, number, number];
  const dx = x(e) - x(w);
  const dy = y(s) - y(n);
  const zoom = Math.log2(Math.min((width * 0.92) / (512 * dx), (height * 0.92) / (512 * dy)));
  const cy = (y(s) + y(n)) / 2;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - 2 * cy))) * 180) / Math.PI;
  return { zoom: Math.min(18, zoom), lat, lon: (w + e) / 2 };
}

async function main() {
  const options = parse(process.argv.slice(2));
  const out = resolve(options.out);
  mkdirSync(out, { recursive: true });
  if (options.build) await build({ logLevel: 'warn' });
  const units = JSON.parse(
    readFileSync('public/geo/subdistricts.geojson', 'utf8'),
  ) as FeatureCollection<Polygon, { name: string }>;
  const targets = [
    ...units.features.map((f) => ({ name: f.properties.name, bbox: turf.bbox(f) })),
    { name: WHOLE_AREA_NAME, bbox: turf.bbox(units) },
  ];
  const session = await startSession();
  try {
    // Every page has the same layout: measure the map once.
    const first = await openPage(session);
    const box = (await first.page.locator('[data-testid="map"]').boundingBox())!;
    await first.page.close();
    for (const [i, target] of targets.entries()) {
      const view = fitView(target.bbox, box.width, box.height);
      const parts = [`map=${view.zoom.toFixed(2)}/${view.lat.toFixed(5)}/${view.lon.toFixed(5)}`];
      if (options.layers) parts.push(`layers=${options.layers.join(',')}`);
      if (options.analysis) parts.push(`analysis=${options.analysis}`);
      const { page } = await openPage(session, `#${parts.join('&')}`);
      if (options.analysis) {
        await page.waitForSelector(
          `[data-testid="map"][data-analysis-drawn^="${options.analysis}"]`,
          {
            timeout: 60_000,
          },
        );
      }
      await page.click('[data-testid="export-toggle"]');
      const title = await page.inputValue('[data-testid="export-title"]');
      await page.fill('[data-testid="export-title"]', title.replace(WHOLE_AREA_NAME, target.name));
      await page.selectOption('[data-testid="export-paper"]', options.paper);
      await page.selectOption('[data-testid="export-orientation"]', options.orientation);
      await page.selectOption('[data-testid="export-dpi"]', options.dpi);
      await page.selectOption('[data-testid="export-format"]', options.format);
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 180_000 }),
        page.click('[data-testid="export-start"]'),
      ]);
      const file = join(out, `${String(i + 1).padStart(2, '0')}-${target.name}.${options.format}`);
      await download.saveAs(file);
      console.log(file);
      await page.close();
    }
  } finally {
    await stopSession(session);
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`export-maps: ${error.message}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
