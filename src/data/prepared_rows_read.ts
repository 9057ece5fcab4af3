import { PREPARED_ROWS_FILE } from './layers';

/**
 * The shipped prepared-rows file (see src/analysis/rows/prepared_rows_file.ts), read by the
 * page when the first analysis worker starts (at the first idle map, or on first use), not at
 * the start: a page opened on the map alone fetches only what the map needs until it has drawn
 * it (the bench's bytes before the map is drawn). Read once per page; each worker is
 * given a copy of its own, moved with its data. A worker waits for the read no longer than
 * PREPARED_ROWS_WAIT_MS; one given no file (the read late, failed or refused) prepares the
 * rows itself.
 */

/**
 * How long a starting worker's data waits for the file. From the app's own origin the file
 * (about 370 kB) comes in tens of ms, while the worker itself starts, and spares it about half
 * of its cold preparation. A read still going after 2 s is a slow or stalled connection:
 * holding the data, and a run someone may wait for, any longer would cost more than the
 * worker preparing the rows itself.
 */
export const PREPARED_ROWS_WAIT_MS = 2_000;

/** The one read of the page, begun by the first worker; null bytes where it failed. */
let read: Promise<ArrayBuffer | null> | null = null;

const readOnce = (): Promise<ArrayBuffer | null> =>
  (read ??= Promise.resolve()
    .then(() => fetch(`${import.meta.env.BASE_URL}geo/${PREPARED_ROWS_FILE}`))
    .then((response) => (response.ok ? response.arrayBuffer() : null))
    .catch(() => null));

/**
 * A copy of the file's bytes to move to a worker, the file read on the first call; null where
 * the read failed, was refused, or has not come within PREPARED_ROWS_WAIT_MS of this call.
 */
export function preparedRowsForWorker(): Promise<ArrayBuffer | null> {
  return new Promise((resolve) => {
    const late = setTimeout(() => resolve(null), PREPARED_ROWS_WAIT_MS);
    void readOnce().then((bytes) => {
      clearTimeout(late);
      resolve(bytes ? bytes.slice(0) : null);
    });
  });
}
