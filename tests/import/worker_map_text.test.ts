import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeFeaturesInSlices } from '../../src/data/compact_features';
import type { CompactPreview } from '../../src/import/compact_preview';
import { MAP_FEATURE_PROPERTIES } from '../../src/layers/catalog';
import {
  carParkCsv as csv,
  carParkOptions as options,
  startImportWorker as startWorker,
} from './import_worker';

/**
 * The import worker as the page talks to it (see ./import_worker.ts): after a build, the map's
 * text of the preview it answered, which the page hands to the map instead of copying the
 * chunks to another worker to write it.
 */
afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

/** The features MapLibre's workers read from the bytes (public/, plain JavaScript). */
async function readBytes(blob: Blob): Promise<unknown[]> {
  const { layerFromBytes } = (await import('../../public/maplibre-layer-bytes.mjs' as string)) as {
    layerFromBytes: (buffer: ArrayBuffer) => { features: unknown[] };
  };
  return layerFromBytes(await blob.arrayBuffer()).features;
}

describe('the map text the import worker writes of its preview', () => {
  it('holds every feature of the preview, with the properties the map reads', async () => {
    const ask = await startWorker();
    await ask({ type: 'read', id: 1, bytes: csv(7003), fileName: 'p.csv' }, 'read-result');
    const built = await ask({ type: 'build', id: 2, options }, 'build-result');
    const preview = built.result as Extract<CompactPreview, { ok: true }>;
    const features = await decodeFeaturesInSlices(structuredClone(preview.layers['car-parks']!));
    expect(features).toHaveLength(7003);

    const keep = MAP_FEATURE_PROPERTIES;
    const answer = await ask({ type: 'map-text', id: 3, build: 2, keep }, 'map-text-result');
    const written = await readBytes(answer.result!['car-parks']!);
    expect(written).toHaveLength(7003);
    written.forEach((feature, i) => {
      const properties: Record<string, unknown> = {};
      for (const key of keep) {
        if (key in features[i]!.properties!) properties[key] = features[i]!.properties![key];
      }
      expect(feature).toEqual({ type: 'Feature', properties, geometry: features[i]!.geometry });
    });
    expect(Object.keys(answer.result!)).toEqual(['car-parks']);
  }, 60_000);

  it('answers null for a build that is not its last', async () => {
    const ask = await startWorker();
    await ask({ type: 'read', id: 1, bytes: csv(3), fileName: 'p.csv' }, 'read-result');
    await ask({ type: 'build', id: 2, options }, 'build-result');
    await ask({ type: 'build', id: 3, options: { ...options, crs: 'GCJ-02' } }, 'build-result');
    const keep = ['name'];
    const stale = await ask({ type: 'map-text', id: 4, build: 2, keep }, 'map-text-result');
    expect(stale.result).toBeNull();
    const last = await ask({ type: 'map-text', id: 5, build: 3, keep }, 'map-text-result');
    expect(await readBytes(last.result!['car-parks']!)).toHaveLength(3);
    // A new file read: the build before it is gone.
    await ask({ type: 'read', id: 6, bytes: csv(2), fileName: 'q.csv' }, 'read-result');
    const gone = await ask({ type: 'map-text', id: 7, build: 3, keep }, 'map-text-result');
    expect(gone.result).toBeNull();
  });
});
