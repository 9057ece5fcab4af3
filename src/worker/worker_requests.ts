import { watchLiveness } from './liveness';

/**
 * Requests to one worker started on first use, each answered by a message carrying the
 * request's `id`. A worker that fails, whose answer the page could not read (its
 * `messageerror`), or that went silent while requests waited (see `watchLiveness`: ended by
 * the browser without an `error` event), rejects every waiting request and is dropped, so the
 * next request starts a fresh one rather than asking a broken worker. A request may be answered
 * in several messages: those `settle` gives null for are handed to the request's `onMessage`,
 * and the one it settles ends the request. `transfer`: buffers of the request moved to the
 * worker, not copied.
 */
export function workerRequests<
  Request extends { id: number },
  Response extends { id: number },
  Result,
>(
  start: () => Worker,
  settle: (response: Response) => { value: Result } | { error: string } | null,
): (
  request: Omit<Request, 'id'>,
  onMessage?: (response: Response) => void,
  transfer?: Transferable[],
) => Promise<Result> {
  let worker: { worker: Worker; sent: () => void } | null = null;
  const waiting = new Map<
    number,
    {
      resolve: (r: Result) => void;
      reject: (e: Error) => void;
      onMessage?: ((response: Response) => void) | undefined;
    }
  >();
  let nextId = 1;

  const ensureWorker = () => {
    if (worker) return worker;
    const started = start();
    const fail = (error: Error) => {
      if (worker?.worker !== started) return;
      liveness.stop();
      for (const entry of waiting.values()) entry.reject(error);
      waiting.clear();
      started.terminate();
      worker = null;
    };
    const liveness = watchLiveness(
      started,
      () => waiting.size > 0,
      () => fail(new Error('the worker stopped answering')),
    );
    started.onmessage = (event: MessageEvent<Response>) => {
      if (liveness.heard(event.data)) return;
      const entry = waiting.get(event.data.id);
      const settled = settle(event.data);
      if (settled === null) {
        entry?.onMessage?.(event.data);
        return;
      }
      waiting.delete(event.data.id);
      if ('value' in settled) entry?.resolve(settled.value);
      else entry?.reject(new Error(settled.error));
    };
    started.onerror = (event) => fail(new Error(event.message));
    // An answer the page could not read: which request it was is unknown, so none would settle.
    started.onmessageerror = () => fail(new Error('an answer from the worker could not be read'));
    worker = { worker: started, sent: liveness.sent };
    return worker;
  };

  return (request, onMessage, transfer = []) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject, onMessage });
      const to = ensureWorker();
      try {
        to.worker.postMessage({ ...request, id }, transfer);
      } catch (error) {
        // Not sent (a DataCloneError): no answer will come.
        waiting.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      to.sent();
    });
}
