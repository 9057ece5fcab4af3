import { importScriptInWorkers, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

setWorkerUrl(workerUrl);

/**
 * MapLibre's workers read the blob URLs themselves once this is done, and a large layer's
 * bytes with them (else the page reads the blobs, and only GeoJSON text: false).
 * The script is a file of its own under public/ (MapLibre imports it by URL, and only a
 * `.mjs` one without `eval`, which the Content-Security-Policy forbids).
 */
let blobProtocol: Promise<boolean> | null = null;
export const workersReadBlobs = () =>
  (blobProtocol ??= importScriptInWorkers(
    new URL(`${import.meta.env.BASE_URL}maplibre-blob-protocol.mjs`, location.href).href,
  ).then(
    () => true,
    () => false,
  ));

/**
 * Starts MapLibre's workers (the map takes the same ones) and has them load the blob protocol
 * now: called when a start begins reading the saved work, so that the workers' own start
 * (fetching and compiling their script) runs while a big import is checked, and a restored
 * large layer need not wait for it once the map is made.
 */
export function startMapWorkers(): void {
  void workersReadBlobs();
}
