import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { LAYER_DEFINITIONS } from '../../src/layers/catalog';
import { layerLegendRows, metroLineRows } from '../../src/layers/legend';

const line = (name: string, colour: string) => ({
  type: 'Feature' as const,
  geometry: {
    type: 'LineString' as const,
    coordinates: [
      [116.3, 40.07],
      [116.4, 40.07],
    ],
  },
  properties: { line: name, colour },
});

/** Two pieces of 15号线, 18号线, 昌平线 and 5号线, out of order. */
const lines: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    line('18号线', '#665794'),
    line('昌平线', '#DE82B2'),
    line('15号线', '#582C68'),
    line('5号线', '#A6217F'),
    line('15号线', '#582C68'),
  ],
};

describe('the metro legend', () => {
  it('names each line once, in line order, in its own colour', () => {
    expect(metroLineRows(lines, 'zh')).toEqual([
      { label: '5号线', swatch: { type: 'line', colour: '#A6217F' } },
      { label: '15号线', swatch: { type: 'line', colour: '#582C68' } },
      { label: '18号线', swatch: { type: 'line', colour: '#665794' } },
      { label: '昌平线', swatch: { type: 'line', colour: '#DE82B2' } },
    ]);
  });

  it('names the lines in English', () => {
    expect(metroLineRows(lines, 'en').map((r) => r.label)).toEqual([
      'Line 5',
      'Line 15',
      'Line 18',
      'Changping Line',
    ]);
  });

  it('is what the metro layer draws in its legend; other layers keep their catalog rows', () => {
    const metro = LAYER_DEFINITIONS.find((d) => d.id === 'metro-lines')!;
    const parks = LAYER_DEFINITIONS.find((d) => d.id === 'parks')!;
    const t = (key: string) => `«${key}»`;
    expect(layerLegendRows(metro, { 'metro-lines': lines }, t, 'zh')).toHaveLength(4);
    expect(layerLegendRows(parks, { 'metro-lines': lines }, t, 'zh')).toEqual(
      parks.legend.map((e) => ({ label: `«${e.labelKey}»`, swatch: e.swatch })),
    );
  });
});
