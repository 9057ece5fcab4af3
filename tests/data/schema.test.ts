import { describe, expect, it } from 'vitest';
import { LAYER_IDS } from '../../src/data/layers';
import { validateFeatureProperties } from '../../src/data/schema';
import { createLayerFeature } from './layer-features';

describe('validateFeatureProperties', () => {
  it.each(LAYER_IDS)('accepts a good %s feature', (layer) => {
    expect(validateFeatureProperties(layer, createLayerFeature(layer, `${layer}-1`))).toEqual([]);
  });

  it('accepts a feature outside the seven units (subdistrict null)', () => {
    const park = createLayerFeature('parks', 'park-1', { subdistrict: null });
    expect(validateFeatureProperties('parks', park)).toEqual([]);
  });

  it('rejects an unknown layer', () => {
    expect(validateFeatureProperties('bus-stops', createLayerFeature('parks', 'p'))).toEqual([
      'unknown layer bus-stops',
    ]);
  });

  it('takes a car park with a whole number of spaces, or none known', () => {
    const withSpaces = createLayerFeature('car-parks', 'c-1');
    const unknown = createLayerFeature('car-parks', 'c-2', { spaces: null });
    const bad = createLayerFeature('car-parks', 'c-3', { spaces: 12.5 });
    expect(validateFeatureProperties('car-parks', withSpaces)).toEqual([]);
    expect(validateFeatureProperties('car-parks', unknown)).toEqual([]);
    expect(validateFeatureProperties('car-parks', bad)).toEqual(['bad spaces 12.5']);
  });

  it('rejects a feature without id', () => {
    const feature = createLayerFeature('residential', 'r-1');
    delete feature.properties!.id;
    expect(validateFeatureProperties('residential', feature)).toEqual(['missing id']);
  });

  it('rejects an empty id', () => {
    const feature = createLayerFeature('residential', '');
    expect(validateFeatureProperties('residential', feature)).toEqual(['missing id']);
  });

  it('rejects an accuracy outside surveyed/approximate/schematic', () => {
    const feature = createLayerFeature('parks', 'p-1', { accuracy: 'exact' });
    expect(validateFeatureProperties('parks', feature)).toEqual(['bad accuracy exact']);
  });

  it('rejects a school level that is not one of the four', () => {
    const feature = createLayerFeature('schools', 's-1', {
      level: 'university',
    });
    expect(validateFeatureProperties('schools', feature)).toEqual(['bad level university']);
  });

  it('rejects a school that serves an unknown level', () => {
    const feature = createLayerFeature('schools', 's-1', {
      serves_levels: ['primary', 'high'],
    });
    expect(validateFeatureProperties('schools', feature)).toEqual(['bad serves_levels']);
  });

  it('rejects a sub-district that is not one of the seven units', () => {
    const feature = createLayerFeature('schools', 's-1', {
      subdistrict: '清河街道',
    });
    expect(validateFeatureProperties('schools', feature)).toEqual(['unknown subdistrict 清河街道']);
  });

  it('rejects a sub-district feature named after another unit', () => {
    const feature = createLayerFeature('subdistricts', 'sd-1', {
      name: '回龙观',
    });
    expect(validateFeatureProperties('subdistricts', feature)).toEqual([
      'not one of the seven units: 回龙观',
    ]);
  });

  it('rejects an unverified school that counts for a level or has no likely level', () => {
    const counted = createLayerFeature('schools', 's-1', {
      level: 'middle',
      serves_levels: ['middle'],
      level_status: 'unverified',
      likely_levels: ['middle'],
    });
    const noLikely = createLayerFeature('schools', 's-2', {
      serves_levels: [],
      level_status: 'unverified',
    });
    for (const feature of [counted, noLikely]) {
      expect(validateFeatureProperties('schools', feature)).toEqual([
        'an unverified school needs likely_levels and no serves_levels',
      ]);
    }
  });

  it('rejects an unknown level status', () => {
    const feature = createLayerFeature('schools', 's-1', { level_status: 'guessed' });
    expect(validateFeatureProperties('schools', feature)).toEqual(['bad level_status guessed']);
  });

  it('rejects a metro line whose colour is not #RRGGBB', () => {
    const feature = createLayerFeature('metro-lines', 'm-1', {
      colour: 'F9E700',
    });
    expect(validateFeatureProperties('metro-lines', feature)).toEqual(['bad colour']);
  });

  it('rejects a plan-layout element without plan text', () => {
    const feature = createLayerFeature('plan-layout', 'plan-axis', {
      plan_text: '',
    });
    expect(validateFeatureProperties('plan-layout', feature)).toEqual(['missing plan_text']);
  });

  it('rejects an unknown source_crs', () => {
    const feature = createLayerFeature('roads', 'road-1', {
      source_crs: 'EPSG:3857',
    });
    expect(validateFeatureProperties('roads', feature)).toEqual(['bad source_crs EPSG:3857']);
  });
});
