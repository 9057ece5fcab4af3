import type { FeatureCollection } from 'geojson';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SCENARIO_SOURCES } from '../../src/layers/scenario_layers';

// MapLibre's workers are not there in Node: loading the blob script into them is taken as done.
vi.mock('maplibre-gl', async (original) => ({
  ...(await original<typeof import('maplibre-gl')>()),
  importScriptInWorkers: () => Promise.resolve([]),
}));

afterEach(() => vi.unstubAllGlobals());

/** A scenario's park drawn as a circle of many vertices: given to the map as text. */
function longOutline(vertices: number): FeatureCollection {
  const ring = Array.from({ length: vertices }, (_, i) => {
    const a = (2 * Math.PI * i) / vertices;
    return [116.3 + 0.01 * Math.cos(a), 40.05 + 0.01 * Math.sin(a)];
  });
  ring.push(ring[0]!);
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { name: '新公园' },
        geometry: { type: 'Polygon', coordinates: [ring] },
      },
    ],
  };
}

/** A map with one GeoJSON source whose worker fails to read the first text it is given. */
function mapWithFailingSource() {
  const given: unknown[] = [];
  const errors: { type: string; error: Error }[] = [];
  let failures = 1;
  const source = {
    setData: (data: unknown) => {
      given.push(data);
      if (typeof data === 'string' && failures-- > 0) {
        return Promise.reject(new Error('could not read the text'));
      }
      return Promise.resolve();
    },
  };
  const map = {
    getSource: () => source,
    fire: (type: string, event: { error: Error }) => errors.push({ type, ...event }),
  };
  return { map, given, errors };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a scenario overlay the map failed to take', () => {
  it('is reported as a map error, and setting the same collection again gives it again', async () => {
    vi.stubGlobal('location', { href: 'http://localhost/' });
    const { setSourceData } = await import('../../src/map/source_data');
    const { map, given, errors } = mapWithFailingSource();
    const park = longOutline(12_000);
    const asMap = map as unknown as Parameters<typeof setSourceData>[0];
    const asText = { longOutlinesAsText: true };
    expect(setSourceData(asMap, SCENARIO_SOURCES.edits, park, asText)).toBe(true);
    await settle();
    expect(given).toHaveLength(1);
    expect(errors.map((e) => [e.type, e.error.message])).toEqual([
      ['error', 'could not read the text'],
    ]);
    // The map still holds its old data: the same collection is a change to make again.
    expect(setSourceData(asMap, SCENARIO_SOURCES.edits, park, asText)).toBe(true);
    await settle();
    expect(given).toHaveLength(2);
    expect(errors).toHaveLength(1);
    // Once given, it is no change any more.
    expect(setSourceData(asMap, SCENARIO_SOURCES.edits, park, asText)).toBe(false);
  });
});

describe('an analysis layer of long outlines', () => {
  it('is given to the map as objects at once, not as text its worker fetches', async () => {
    vi.stubGlobal('location', { href: 'http://localhost/' });
    const { setSourceData } = await import('../../src/map/source_data');
    const { map, given, errors } = mapWithFailingSource();
    const gaps = longOutline(12_000);
    const asMap = map as unknown as Parameters<typeof setSourceData>[0];
    expect(setSourceData(asMap, 'analysis-gaps', gaps)).toBe(true);
    // Given before setSourceData returns: no text written, no wait for the worker's script.
    expect(given).toEqual([gaps]);
    await settle();
    expect(errors).toEqual([]);
  });
});
