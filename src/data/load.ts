import type { CompletenessTable } from './completeness';
import { LAYER_IDS, type LayerId, layerFileName } from './layers';
import type { PlanTasks } from './plan_tasks';
import { type AppFeatureCollection, validateFeatureProperties } from './schema';

export interface SourceInfo {
  title: string;
  origin: string;
  licence: string;
  attribution: string;
  /** The attribution in English, for the English UI. */
  attribution_en?: string;
}

/** Everything the app loads from public/geo. */
export interface LayerData {
  layers: Record<LayerId, AppFeatureCollection>;
  completeness: CompletenessTable;
  sources: Record<string, SourceInfo>;
  planTasks: PlanTasks;
}

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  try {
    return await response.json();
  } catch {
    throw new Error(`${url}: not valid JSON`);
  }
}

/** Checks that a parsed file is a FeatureCollection whose features follow the layer's schema. */
export function asLayer(layer: LayerId, value: unknown): AppFeatureCollection {
  const collection = value as AppFeatureCollection;
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new Error(`${layer}: not a GeoJSON FeatureCollection`);
  }
  for (const feature of collection.features) {
    const problems = validateFeatureProperties(layer, feature);
    if (problems.length > 0) {
      throw new Error(`${layer} ${String(feature.properties?.id)}: ${problems.join('; ')}`);
    }
  }
  return collection;
}

/** Loads every shipped layer from `baseUrl` (the app's own origin). */
export async function loadLayerData(baseUrl: string): Promise<LayerData> {
  const entries = await Promise.all(
    LAYER_IDS.map(
      async (layer) =>
        [layer, asLayer(layer, await fetchJson(`${baseUrl}${layerFileName(layer)}`))] as const,
    ),
  );
  const [completeness, sources, planTasks] = await Promise.all([
    fetchJson(`${baseUrl}completeness.json`),
    fetchJson(`${baseUrl}sources.json`),
    fetchJson(`${baseUrl}plan-tasks.json`),
  ]);
  return {
    layers: Object.fromEntries(entries) as Record<LayerId, AppFeatureCollection>,
    completeness: completeness as CompletenessTable,
    sources: sources as Record<string, SourceInfo>,
    planTasks: planTasks as PlanTasks,
  };
}
