/// <reference lib="webworker" />
/**
 * Writes a layer's GeoJSON text from its pieces (see src/data/layer_text.ts) and answers with
 * it as a Blob, which the page hands to the map by URL: the map's own worker then reads it,
 * and the page's thread never walks the features.
 */
import { type LayerTextPart, layerGeoJsonText } from '../data/layer_text';
import { failOnUnreadableMessage } from './unreadable_message';
import { answeringPings } from './liveness';

declare const self: DedicatedWorkerGlobalScope;

failOnUnreadableMessage(self, 'layer text worker');

export interface LayerTextRequest {
  id: number;
  parts: LayerTextPart[];
  /** The properties to write, when not all. */
  keep?: readonly string[];
}

export type LayerTextResponse = { id: number; blob: Blob } | { id: number; error: string };

self.onmessage = answeringPings(self, (event: MessageEvent<LayerTextRequest>) => {
  const { id, parts, keep } = event.data;
  let response: LayerTextResponse;
  try {
    response = { id, blob: new Blob(layerGeoJsonText(parts, keep), { type: 'application/json' }) };
  } catch (error) {
    response = { id, error: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(response);
});
