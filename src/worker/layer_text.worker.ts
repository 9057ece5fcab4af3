/// <reference lib="webworker" />
/**
 * Writes a layer's bytes (or, asked to, its GeoJSON text) from its pieces (see
 * src/data/layer_text.ts) and answers with them as a Blob, which the page hands to the map by
 * URL: the map's own worker then reads it, and the page's thread never walks the features.
 */
import {
  LAYER_BYTES_TYPE,
  type LayerTextPart,
  layerBytes,
  layerGeoJsonText,
} from '../data/layer_text';
import { failOnUnreadableMessage } from './unreadable_message';
import { answeringPings } from './liveness';

declare const self: DedicatedWorkerGlobalScope;

failOnUnreadableMessage(self, 'layer text worker');

export interface LayerTextRequest {
  id: number;
  parts: LayerTextPart[];
  /** The properties to write, when not all. */
  keep?: readonly string[];
  /** GeoJSON text rather than the layer's bytes, for a map whose workers cannot read those. */
  json?: boolean;
}

export type LayerTextResponse = { id: number; blob: Blob } | { id: number; error: string };

self.onmessage = answeringPings(self, (event: MessageEvent<LayerTextRequest>) => {
  const { id, parts, keep, json } = event.data;
  let response: LayerTextResponse;
  try {
    const blob = json
      ? new Blob(layerGeoJsonText(parts, keep), { type: 'application/json' })
      : new Blob(layerBytes(parts, keep), { type: LAYER_BYTES_TYPE });
    response = { id, blob };
  } catch (error) {
    response = { id, error: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(response);
});
