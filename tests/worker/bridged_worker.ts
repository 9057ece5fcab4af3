import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, vi } from 'vitest';

/**
 * A stand-in for the browser's Worker that runs a real worker module in the test: messages pass
 * as the browser passes them (structured clone, with the listed buffers moved, so the sender's
 * copy of them is detached). `modules` names the module to load by a part of the worker's URL;
 * a worker whose URL names none is made but never answers. `fresh` loads the module afresh for
 * each worker, as a new worker would (else the first load is shared). A worker made `failing`
 * (or all, by the class's `failing`) fails as one ended by the browser does: its `error` event.
 * Called at a test file's top level: each test gets the stand-in as its `Worker` (and, with
 * `indexedDb`, an empty database), and all of it undone after.
 */
export function bridgedWorker(
  modules: Record<string, () => Promise<unknown>>,
  { fresh = false, indexedDb = false }: { fresh?: boolean; indexedDb?: boolean } = {},
) {
  const BridgedWorker = class BridgedWorker {
    static made: BridgedWorker[] = [];
    static failing = false;
    onmessage: ((event: { data: unknown }) => void) | null = null;
    onerror: ((event: { message: string }) => void) | null = null;
    onmessageerror: (() => void) | null = null;
    received: { kind: string }[] = [];
    failing = false;
    private scope = {
      onmessage: null as ((event: { data: unknown }) => void) | null,
      onmessageerror: null as (() => void) | null,
      postMessage: (message: unknown, transfer: Transferable[] = []) => {
        const data = structuredClone(message, { transfer });
        setTimeout(() => this.onmessage?.({ data }));
      },
    };
    private loaded: Promise<unknown> | null = null;
    constructor(url: URL) {
      BridgedWorker.made.push(this);
      const load = Object.entries(modules).find(([part]) => String(url).includes(part))?.[1];
      if (!load) return;
      vi.stubGlobal('self', this.scope);
      if (fresh) vi.resetModules();
      this.loaded = load();
    }
    postMessage(message: { kind: string }, transfer: Transferable[] = []) {
      const data = structuredClone(message, { transfer });
      this.received.push(data);
      void this.loaded?.then(() => {
        if (this.failing || BridgedWorker.failing) this.onerror?.({ message: 'out of memory' });
        else this.scope.onmessage!({ data });
      });
    }
    terminate() {}
  };
  beforeEach(() => {
    if (indexedDb) globalThis.indexedDB = new IDBFactory();
    vi.stubGlobal('Worker', BridgedWorker);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
    BridgedWorker.made = [];
    BridgedWorker.failing = false;
  });
  return BridgedWorker;
}
