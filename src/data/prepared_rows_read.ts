/**
 * The shipped prepared-rows file (see src/analysis/rows/prepared_rows_file.ts), read by the
 * page once the shipped layers are in, so that the first map's data goes first, and handed to
 * each analysis worker with its data. The worker never waits for it: one started before it is
 * read prepares the rows itself.
 */
let bytes: ArrayBuffer | null = null;

/** Reads the file at `address` once `layers` are loaded; a failed read leaves no bytes. */
export function readPreparedRowsAfter(layers: Promise<unknown>, address: string): void {
  layers
    .then(() => fetch(address))
    .then((response) => (response.ok ? response.arrayBuffer() : null))
    .then(
      (read) => {
        bytes = read;
      },
      () => undefined,
    );
}

/** A copy of the file's bytes, to move to a worker, where read by now; else null. */
export function preparedRowsIfRead(): ArrayBuffer | null {
  return bytes ? bytes.slice(0) : null;
}
