import type { FeatureCollection } from 'geojson';
import type { LayerId } from '../data/layers';
import type { LayerDefinition, LegendEntry } from './catalog';
import type { StringKey } from '../ui/i18n';

/** One legend row as drawn on screen and printed in an export. */
export interface LegendRow {
  label: string;
  swatch: LegendEntry['swatch'];
}

type Translate = (key: StringKey) => string;

/** English names of the lines that are not numbered. */
const LINE_NAMES_EN: Record<string, string> = {
  昌平线: 'Changping Line',
  首都机场线: 'Capital Airport Express',
  大兴机场线: 'Daxing Airport Express',
  房山线: 'Fangshan Line',
  亦庄线: 'Yizhuang Line',
};

/** A metro line's name in the UI language: 18号线, or Line 18 in English. */
export function metroLineLabel(line: string, language: 'zh' | 'en'): string {
  if (language === 'zh') return line;
  const number = /^(\d+)号线$/.exec(line)?.[1];
  return number ? `Line ${number}` : (LINE_NAMES_EN[line] ?? line);
}

/** Numbered lines by number, then the named ones. */
function lineOrder(a: string, b: string): number {
  const n = (s: string) => Number(/^(\d+)号线$/.exec(s)?.[1] ?? Infinity);
  return n(a) - n(b) || a.localeCompare(b);
}

/** Each metro line of the data once, by name, in its own colour. */
export function metroLineRows(lines: FeatureCollection, language: 'zh' | 'en'): LegendRow[] {
  const colours = new Map<string, string>();
  for (const f of lines.features) {
    const line = f.properties?.line;
    const colour = f.properties?.colour;
    if (typeof line === 'string' && typeof colour === 'string' && !colours.has(line)) {
      colours.set(line, colour);
    }
  }
  return [...colours.keys()].sort(lineOrder).map((line) => ({
    label: metroLineLabel(line, language),
    swatch: { type: 'line', colour: colours.get(line)! },
  }));
}

/**
 * A layer's legend rows: its catalog entries, except the metro lines, which are named one by
 * one in their official colours (from the data, so that a new line needs no code).
 */
export function layerLegendRows(
  definition: LayerDefinition,
  layers: Partial<Record<LayerId, FeatureCollection>>,
  t: Translate,
  language: 'zh' | 'en',
): LegendRow[] {
  const generic = definition.legend.map((e) => ({ label: t(e.labelKey), swatch: e.swatch }));
  if (definition.id !== 'metro-lines') return generic;
  const rows = layers['metro-lines'] ? metroLineRows(layers['metro-lines'], language) : [];
  return rows.length > 0 ? rows : generic;
}
