import { afterEach, expect, it, vi } from 'vitest';

/** The page reads the prepared-rows file after the shipped layers, and hands out copies. */
afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

it('reads the file only once the layers are in, and gives a copy each time', async () => {
  const { readPreparedRowsAfter, preparedRowsIfRead } =
    await import('../../src/data/prepared_rows_read');
  const fetched: string[] = [];
  vi.stubGlobal('fetch', async (address: string) => {
    fetched.push(address);
    return new Response(new Uint8Array([1, 2, 3]));
  });
  let layersIn!: () => void;
  readPreparedRowsAfter(new Promise<void>((resolve) => (layersIn = resolve)), 'geo/x.bin');
  await settle();
  expect(fetched).toEqual([]);
  expect(preparedRowsIfRead()).toBeNull();
  layersIn();
  await vi.waitFor(() => expect(preparedRowsIfRead()).not.toBeNull());
  expect(fetched).toEqual(['geo/x.bin']);
  const first = preparedRowsIfRead()!;
  expect([...new Uint8Array(first)]).toEqual([1, 2, 3]);
  // A copy: moving one to a worker leaves the next intact.
  structuredClone(first, { transfer: [first] });
  expect([...new Uint8Array(preparedRowsIfRead()!)]).toEqual([1, 2, 3]);
});

it('has no bytes where the file is missing or the layers failed', async () => {
  const { readPreparedRowsAfter, preparedRowsIfRead } =
    await import('../../src/data/prepared_rows_read');
  vi.stubGlobal('fetch', async () => new Response('no', { status: 404 }));
  readPreparedRowsAfter(Promise.resolve(), 'geo/x.bin');
  readPreparedRowsAfter(Promise.reject(new Error('offline')), 'geo/x.bin');
  await settle();
  await settle();
  expect(preparedRowsIfRead()).toBeNull();
});
