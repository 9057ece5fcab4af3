import { afterEach, expect, it, vi } from 'vitest';

/**
 * The page reads the prepared-rows file once, when a worker first asks for it, and gives each
 * worker a copy of its own, or none once the read is over its time limit, failed or refused.
 */
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.resetModules();
});

const load = () => import('../../src/data/prepared_rows_read');
const bytes = (buffer: ArrayBuffer | null) => buffer && [...new Uint8Array(buffer)];

/** A server that records each address asked for and answers `answer()`. */
function serve(answer: () => Promise<Response>) {
  const addresses: string[] = [];
  vi.stubGlobal('fetch', (address: string) => {
    addresses.push(address);
    return answer();
  });
  return addresses;
}

it('reads nothing until asked, then the file once, and gives a copy each time', async () => {
  const addresses = serve(async () => new Response(new Uint8Array([1, 2, 3])));
  const { preparedRowsForWorker } = await load();
  expect(addresses).toEqual([]);
  const first = await preparedRowsForWorker();
  expect(bytes(first)).toEqual([1, 2, 3]);
  // A copy: moving one to a worker leaves the next intact.
  structuredClone(first, { transfer: [first!] });
  expect(bytes(await preparedRowsForWorker())).toEqual([1, 2, 3]);
  expect(addresses).toEqual(['/geo/prepared-rows.bin']);
});

it('gives none once the read has taken PREPARED_ROWS_WAIT_MS, and the bytes to a later worker', async () => {
  vi.useFakeTimers();
  let arrive!: () => void;
  const answered = new Promise<void>((resolve) => (arrive = resolve));
  const addresses = serve(async () => {
    await answered;
    return new Response(new Uint8Array([4, 5]));
  });
  const { PREPARED_ROWS_WAIT_MS, preparedRowsForWorker } = await load();
  let given: ArrayBuffer | null | undefined;
  void preparedRowsForWorker().then((b) => (given = b));
  await vi.advanceTimersByTimeAsync(PREPARED_ROWS_WAIT_MS - 1);
  expect(given).toBeUndefined();
  await vi.advanceTimersByTimeAsync(1);
  expect(given).toBeNull();
  // The read goes on; a worker started after it came gets the bytes without another read.
  arrive();
  expect(bytes(await preparedRowsForWorker())).toEqual([4, 5]);
  expect(addresses).toHaveLength(1);
});

it.each([
  ['failed', () => Promise.reject(new TypeError('Failed to fetch'))],
  ['refused (404)', async () => new Response('not found', { status: 404 })],
])('gives none where the read %s, at once, and does not read again', async (_, answer) => {
  vi.useFakeTimers();
  const addresses = serve(answer);
  const { preparedRowsForWorker } = await load();
  let given: ArrayBuffer | null | undefined;
  void preparedRowsForWorker().then((b) => (given = b));
  await vi.advanceTimersByTimeAsync(0);
  expect(given).toBeNull();
  expect(await preparedRowsForWorker()).toBeNull();
  expect(addresses).toHaveLength(1);
});
