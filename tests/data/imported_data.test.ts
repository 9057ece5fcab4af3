import { describe, expect, it } from 'vitest';
import { type ImportedDataset, composeLayerData } from '../../src/data/imported_data';
import { LAYER_IDS } from '../../src/data/layers';
import type { LayerData } from '../../src/data/load';
import type { AppFeature, AppFeatureCollection } from '../../src/data/schema';
import { createLayerFeature } from './layer-features';

const collection = (features: AppFeature[]): AppFeatureCollection => ({
  type: 'FeatureCollection',
  features,
});

function shippedData(): LayerData {
  const layers = Object.fromEntries(
    LAYER_IDS.map((l) => [l, collection([])]),
  ) as LayerData['layers'];
  layers.parks = collection([createLayerFeature('parks', 'park-1') as AppFeature]);
  return {
    layers,
    completeness: {
      'car-parks': {
        note: 'no source',
        note_zh: '无数据',
        units: {
          回龙观街道: { status: 'none', coverage_share: 0, count: 0 },
          霍营街道: { status: 'none', coverage_share: 0, count: 0 },
        },
      },
    },
    sources: {},
    planTasks: { headings: [], tasks: [], targets: [] } as unknown as LayerData['planTasks'],
  };
}

function dataset(layer: ImportedDataset['layer'], mode: ImportedDataset['mode']): ImportedDataset {
  const feature = createLayerFeature(layer, `imp-a-${layer}`, {
    subdistrict: '回龙观街道',
    source: 'import-a',
  }) as AppFeature;
  return {
    id: 'a',
    fileName: 'mine.geojson',
    layer,
    mode,
    crs: 'WGS-84',
    importedAt: '2026-11-29T08:00:00.000Z',
    features: [feature],
  };
}

describe('composeLayerData', () => {
  it('adds imported features to the shipped layer without changing the shipped data', () => {
    const shipped = shippedData();
    const before = structuredClone(shipped);
    const data = composeLayerData(shipped, [dataset('parks', 'add')]);
    expect(data.layers.parks.features.map((f) => f.properties.id)).toEqual([
      'park-1',
      'imp-a-parks',
    ]);
    expect(shipped).toEqual(before);
    expect(data.sources['import-a']?.title).toBe('mine.geojson');
  });

  it('replaces the layer when asked', () => {
    const data = composeLayerData(shippedData(), [dataset('parks', 'replace')]);
    expect(data.layers.parks.features.map((f) => f.properties.id)).toEqual(['imp-a-parks']);
  });

  it('extends the known extent by the units an import has features in', () => {
    const shipped = shippedData();
    shipped.completeness['car-parks'] = {
      note: 'no source',
      note_zh: '无数据源',
      units: {},
      known_extent: { boxes: [], units: [] },
    };
    const data = composeLayerData(shipped, [dataset('car-parks', 'add')]);
    expect(data.completeness['car-parks']?.known_extent).toEqual({
      boxes: [],
      units: ['回龙观街道'],
    });
    expect(data.completeness['car-parks']?.units['回龙观街道']?.status).toBe('partial');
    shipped.completeness.parks = {
      note: 'west only',
      note_zh: '仅西部',
      units: {},
      known_extent: { boxes: [[116.2, 40, 116.41, 40.2]], units: [] },
    };
    const added = composeLayerData(shipped, [dataset('parks', 'add')]);
    expect(added.completeness.parks?.known_extent).toEqual({
      boxes: [[116.2, 40, 116.41, 40.2]],
      units: ['回龙观街道'],
    });
    // A replaced layer is known only where the import has features.
    const replaced = composeLayerData(shipped, [dataset('parks', 'replace')]);
    expect(replaced.completeness.parks?.known_extent).toEqual({
      boxes: [],
      units: ['回龙观街道'],
    });
    expect(replaced.completeness.parks?.units['回龙观街道']?.status).toBe('covered');
  });

  it('names the import in the layer note, without a shipped "no data" note beside it', () => {
    const shipped = shippedData();
    const only = composeLayerData(shipped, [dataset('car-parks', 'add')]).completeness['car-parks'];
    expect(only?.note_zh).toBe('仅有导入数据：mine.geojson');
    expect(only?.note).toBe('imported data only: mine.geojson');
    // A shipped layer with data keeps its note, and the import is added to it.
    shipped.completeness['car-parks']!.units['霍营街道'] = {
      status: 'partial',
      coverage_share: 0.5,
      count: 3,
    };
    const added = composeLayerData(shipped, [dataset('car-parks', 'add')]);
    expect(added.completeness['car-parks']?.note_zh).toBe('无数据（含导入数据：mine.geojson）');
    const replaced = composeLayerData(shipped, [dataset('car-parks', 'replace')]);
    expect(replaced.completeness['car-parks']?.note_zh).toBe(
      '无数据（已由导入数据替换：mine.geojson）',
    );
  });

  it('returns the shipped data itself when nothing is imported', () => {
    const shipped = shippedData();
    expect(composeLayerData(shipped, [])).toBe(shipped);
  });
});
