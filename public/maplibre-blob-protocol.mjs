/**
 * Loaded into MapLibre's workers (see src/map/large_source.ts). MapLibre hands a request for
 * a URL that is not http(s) to the page's thread, which would then parse a large layer's text
 * and copy the result back to the worker; registered for the `blob:` URLs the page makes,
 * the worker reads them itself: GeoJSON text, or a large layer's bytes (see
 * maplibre-layer-bytes.mjs), which only a worker with this script can read.
 *
 * MapLibre also sends data it read from a URL back to the page (for `getData`, which this app
 * does not use): 200,000 features cost the page a second in one task to receive. Its copy
 * takes only enumerable properties, so the features are kept as a property that is not: the
 * worker indexes and draws them all, and the page receives an empty shell.
 */
/* global self, fetch, TextDecoder */
import { LAYER_BYTES_TYPE, layerFromBytes } from './maplibre-layer-bytes.mjs';

const utf8 = new TextDecoder();

for (const scheme of ['blob:http', 'blob:https']) {
  self.addProtocol(scheme, async (request, abortController) => {
    const response = await fetch(request.url, { signal: abortController.signal });
    if (!response.ok) throw new Error(`${response.status} ${request.url}`);
    if (request.type !== 'json') {
      return {
        data: request.type === 'string' ? await response.text() : await response.arrayBuffer(),
      };
    }
    // A large layer's bytes, else what `response.json()` does (UTF-8, then JSON), in a third
    // less time for a large layer in Chromium: its bytes decoded at once, not as a stream.
    const bytes = await response.arrayBuffer();
    const data =
      response.headers.get('content-type') === LAYER_BYTES_TYPE
        ? layerFromBytes(bytes)
        : JSON.parse(utf8.decode(bytes));
    if (data && Array.isArray(data.features)) {
      const { features } = data;
      delete data.features;
      Object.defineProperty(data, 'features', {
        value: features,
        enumerable: false,
        writable: true,
      });
    }
    return { data };
  });
}
