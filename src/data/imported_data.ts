import type { CompactFeatures } from './compact_features';
import type { CompletenessTable, LayerCompleteness } from './completeness';
import type { SourceCrs } from './crs';
import {
  type FeatureSummary,
  collectionSummary,
  mergeSummaries,
  setCollectionSummary,
  summariseFeatures,
} from './feature_summary';
import type { LayerId } from './layers';
import { type LayerTextPart, layerTextParts, setLayerTextParts } from './layer_text';
import { defineLazyFeatures } from './lazy_features';
import type { LayerData, SourceInfo } from './load';
import type { AppFeature, AppFeatureCollection } from './schema';

/** The layers a planner can bring data for. */
export const IMPORT_LAYERS = [
  'parks',
  'schools',
  'car-parks',
  'healthcare',
  'residential',
] as const satisfies readonly LayerId[];
export type ImportLayer = (typeof IMPORT_LAYERS)[number];

/** `replace`: the planner's data stands for the whole layer; `add`: it joins the shipped data. */
export type ImportMode = 'add' | 'replace';

/** One confirmed import, as kept in the browser. */
export interface ImportedDataset {
  id: string;
  fileName: string;
  layer: ImportLayer;
  mode: ImportMode;
  crs: SourceCrs;
  /** ISO time of the confirmation. */
  importedAt: string;
  features: AppFeature[];
  /** The same features in the compact form they are stored in, when at hand. */
  compact?: CompactFeatures;
  /**
   * What the page reads from every feature, worked out where they were decoded (the import's
   * worker, the restore's gate); when absent, worked out from `features` here.
   */
  summary?: FeatureSummary;
}

export const importSourceKey = (datasetId: string) => `import-${datasetId}`;

/**
 * The data the app works on: the shipped layers with the imports applied in order. A replacing
 * import drops what came before it in its layer. Completeness follows the imported data: a
 * replaced layer is as complete as the import where it has features, an added one lifts the
 * units it reaches from "none" to "partial". The known extent (where unserved land is a gap,
 * not unknown) takes in every unit an import has features in: a planner brings a unit's
 * facilities, not a scattering of them. A replaced layer is known only there; an added one
 * keeps the shipped sources' extent as well. The shipped data itself is never changed.
 */
export function composeLayerData(
  shipped: LayerData,
  imports: readonly ImportedDataset[],
): LayerData {
  if (imports.length === 0) return shipped;
  const layers: Record<LayerId, AppFeatureCollection> = { ...shipped.layers };
  const completeness: CompletenessTable = { ...shipped.completeness };
  const sources: Record<string, SourceInfo> = { ...shipped.sources };
  for (const dataset of imports) {
    const previous = layers[dataset.layer];
    const kept = dataset.mode === 'add';
    const beforeParts: LayerTextPart[] = !kept
      ? []
      : (layerTextParts(previous) ?? [{ features: previous.features }]);
    const summary = dataset.summary ?? summariseFeatures(dataset.features);
    // Joined when first read: a restored import's features are built later (see
    // `restoredFeatures`), and the map, the analysis and the counts read the parts.
    const composed = defineLazyFeatures(
      { type: 'FeatureCollection' } as AppFeatureCollection,
      () => [...(kept ? previous.features : []), ...dataset.features],
    );
    setLayerTextParts(composed, [
      ...beforeParts,
      dataset.compact ? { compact: dataset.compact } : { features: dataset.features },
    ]);
    setCollectionSummary(
      composed,
      dataset.mode === 'replace' ? summary : mergeSummaries([collectionSummary(previous), summary]),
    );
    layers[dataset.layer] = composed;
    completeness[dataset.layer] = importedCompleteness(
      completeness[dataset.layer],
      dataset,
      summary.unitCounts,
    );
    sources[importSourceKey(dataset.id)] = {
      title: dataset.fileName,
      origin: `imported ${dataset.importedAt.slice(0, 10)} (${dataset.crs})`,
      licence: 'provided by the importer',
      attribution: `导入数据 · ${dataset.fileName}`,
    };
  }
  return { ...shipped, layers, completeness, sources };
}

/** `counts`: the dataset's features by the sub-district they lie in. */
function importedCompleteness(
  row: LayerCompleteness | undefined,
  dataset: ImportedDataset,
  counts: ReadonlyMap<string, number>,
): LayerCompleteness {
  const units: LayerCompleteness['units'] = {};
  const names = new Set([...Object.keys(row?.units ?? {}), ...counts.keys()]);
  for (const name of names) {
    const old = row?.units[name];
    const added = counts.get(name) ?? 0;
    if (dataset.mode === 'replace') {
      units[name] = {
        status: added > 0 ? 'covered' : 'none',
        coverage_share: added > 0 ? 1 : 0,
        count: added,
      };
    } else {
      units[name] = {
        status:
          old?.status === 'covered' ? 'covered' : added > 0 ? 'partial' : (old?.status ?? 'none'),
        coverage_share: old?.coverage_share ?? 0,
        count: (old?.count ?? 0) + added,
      };
    }
  }
  const importedUnits = [...counts.keys()].sort();
  const known_extent =
    dataset.mode === 'replace'
      ? { boxes: [], units: importedUnits }
      : {
          boxes: row?.known_extent?.boxes ?? [],
          units: [...new Set([...(row?.known_extent?.units ?? []), ...importedUnits])],
        };
  return {
    ...importedNote(row, dataset),
    units,
    // Added to a layer known everywhere (no extent recorded): still known everywhere.
    ...(dataset.mode === 'add' && row && !row.known_extent ? {} : { known_extent }),
  };
}

/**
 * The layer's note with the import named. A shipped note that says the layer has no data in
 * any unit (e.g. "no source has public car parks: import them") is dropped, not extended:
 * beside an import it would contradict the figures drawn from that import.
 */
function importedNote(
  row: LayerCompleteness | undefined,
  { mode, fileName }: ImportedDataset,
): Pick<LayerCompleteness, 'note' | 'note_zh'> {
  if (mode === 'replace') {
    return {
      note: `${row?.note ?? ''} (replaced by imported data: ${fileName})`.trim(),
      note_zh: `${row?.note_zh ?? ''}（已由导入数据替换：${fileName}）`,
    };
  }
  const shippedHasData = Object.values(row?.units ?? {}).some((u) => u.status !== 'none');
  if (!shippedHasData) {
    return { note: `imported data only: ${fileName}`, note_zh: `仅有导入数据：${fileName}` };
  }
  return {
    note: `${row?.note ?? ''} (with imported data: ${fileName})`.trim(),
    note_zh: `${row?.note_zh ?? ''}（含导入数据：${fileName}）`,
  };
}

/** The current features of a layer as one GeoJSON file, imports included. */
export function layerAsGeoJson(data: LayerData, layer: LayerId): string {
  return JSON.stringify({ type: 'FeatureCollection', features: data.layers[layer].features });
}
