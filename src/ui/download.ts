import { sourcesOfCollections } from '../data/feature_summary';
import type { LayerData } from '../data/load';
import type { LayerId } from '../data/layers';
import type { ExportContext } from '../export/analysis_export';

/** Hands a text to the browser as a file download. */
export function downloadText(fileName: string, text: string, type: string): void {
  downloadBlob(fileName, new Blob([text], { type: `${type};charset=utf-8` }));
}

export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The export context: now, and the sources of the given layers' features. */
export function exportContext(data: LayerData, layers: LayerId[]): ExportContext {
  const sourceKeys = sourcesOfCollections(layers.map((layer) => data.layers[layer]));
  return { generatedAt: new Date().toISOString(), sources: data.sources, sourceKeys };
}
