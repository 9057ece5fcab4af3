import type { ScenarioImport } from '../analysis/scenario';
import type { ImportLayer } from '../data/imported_data';
import { exceeds, limitMessageBoth } from '../data/limits';
import type { ImportRecordHead } from '../data/saved_work';
import type { FromImportWorker, ToImportWorker } from './protocol';
import { fileSizeProblem } from './file_size';
import { type Liveness, watchLiveness } from '../worker/liveness';
import type { NetworkPreview } from './build_network';
import type { CompactPreview } from './compact_preview';
import type {
  BuildOptions,
  ImportCrs,
  ImportContext,
  ProgressCallback,
  ReadSummary,
} from './types';

/** Rejection reason of a request that `cancel()` stopped. */
export class ImportCancelledError extends Error {
  constructor() {
    super('import cancelled');
    this.name = 'ImportCancelledError';
  }
}

export interface ImportClient {
  /** Reads a file in the worker; files over the size limit are refused without being read. */
  read: (file: File, onProgress?: ProgressCallback) => Promise<ReadSummary>;
  /** Maps the last file read into the app's layers; the features come in compact form. */
  build: (options: BuildOptions, onProgress?: ProgressCallback) => Promise<CompactPreview>;
  /**
   * The map's text of each layer of a preview, with only the properties in `keep`, written by
   * the worker that built it; null when that worker is gone or has built another since.
   */
  mapText: (
    preview: CompactPreview,
    keep: readonly string[],
  ) => Promise<Partial<Record<ImportLayer, Blob>> | null>;
  /**
   * Writes the import record of a preview, these layers of it, to storage from the worker
   * that built it, which then lets the preview's chunks go: true once stored, false when the
   * browser refused, null when that worker is gone or has built another since.
   */
  storeImport: (
    preview: CompactPreview,
    head: ImportRecordHead,
    layers: readonly ImportLayer[],
  ) => Promise<boolean | null>;
  /** Checks and reads a scenario file in the worker (limits, then the strict reader). */
  readScenario: (file: File) => Promise<ScenarioImport>;
  /** Builds a walking network from the last file read; plain lines join within the tolerance. */
  buildNetwork: (
    crs: ImportCrs,
    snapToleranceM: number,
    onProgress?: ProgressCallback,
  ) => Promise<NetworkPreview>;
  /** Stops the work in progress: the pending request rejects with ImportCancelledError. */
  cancel: () => void;
  /**
   * As `cancel`, except that map texts and records already asked for are still written: the
   * worker ends once they are answered (the dialog closes on confirm, while they are written).
   */
  dispose: () => void;
}

interface Waiting {
  /** The worker asked. */
  worker: Worker;
  resolve: (result: never) => void;
  reject: (error: Error) => void;
  onProgress?: ProgressCallback;
}

/**
 * Runs imports in a module worker. The worker is created on first use and again after a
 * cancel (which terminates it); the context is sent to each new worker. Since a cancelled
 * worker loses the file it had read, `build` after `cancel` needs a new `read`.
 */
export function createImportClient(context: ImportContext): ImportClient {
  let worker: Worker | null = null;
  const waiting = new Map<number, Waiting>();
  let nextId = 1;
  /** The request that built each preview, by preview. */
  const buildOf = new WeakMap<CompactPreview, number>();
  /** Map texts and records asked for and not yet answered, by request: `dispose` waits. */
  const outliving = new Map<number, Promise<unknown>>();
  const watched = new WeakMap<Worker, Liveness>();

  const rejectAll = (error: Error) => {
    for (const entry of waiting.values()) entry.reject(error);
    waiting.clear();
  };

  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const created = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
    created.onmessage = (event: MessageEvent<FromImportWorker>) => {
      if (liveness.heard(event.data)) return;
      const message = event.data;
      const entry = waiting.get(message.id);
      if (!entry) return;
      if (message.type === 'progress') {
        entry.onProgress?.(message.done, message.total);
        return;
      }
      waiting.delete(message.id);
      entry.resolve(message.result as never);
    };
    // A worker that failed, whose answer could not be read (which request's is unknown), or
    // that went silent while requests waited (see `watchLiveness`), is ended: every waiting
    // request rejects, and the next one starts a fresh worker.
    const fail = (error: Error) => {
      if (worker === created) worker = null;
      liveness.stop();
      created.terminate();
      rejectAll(error);
    };
    const liveness = watchLiveness(
      created,
      // Also a worker `dispose` lets finish the records and texts asked of it.
      () => [...waiting.values()].some((entry) => entry.worker === created),
      () => fail(new Error('import worker failed: it stopped answering')),
    );
    watched.set(created, liveness);
    created.onerror = (event) => fail(new Error(event.message || 'import worker failed'));
    created.onmessageerror = () =>
      fail(new Error('import worker failed: an answer from it could not be read'));
    const init: ToImportWorker = { type: 'context', context };
    created.postMessage(init);
    worker = created;
    return created;
  };

  const request = <T>(
    make: (id: number) => ToImportWorker,
    transfer: Transferable[],
    onProgress?: ProgressCallback,
  ): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      const to = ensureWorker();
      waiting.set(id, {
        worker: to,
        resolve: resolve as (result: never) => void,
        reject,
        onProgress,
      });
      try {
        to.postMessage(make(id), transfer);
      } catch (error) {
        // Not sent: no answer will come.
        waiting.delete(id);
        throw error;
      }
      watched.get(to)?.sent();
    });

  /** A request that `dispose` lets finish. */
  const outlive = <T>(make: (id: number) => ToImportWorker): Promise<T> => {
    let asked = 0;
    const answer = request<T>((id) => make((asked = id)), []);
    outliving.set(asked, answer);
    return answer.finally(() => outliving.delete(asked));
  };

  /** Ends a worker on purpose: it is no longer watched. */
  const end = (ended: Worker) => {
    watched.get(ended)?.stop();
    ended.terminate();
  };

  const stop = (error: Error) => {
    if (worker) end(worker);
    worker = null;
    rejectAll(error);
  };

  return {
    read: async (file, onProgress) => {
      const tooLarge = fileSizeProblem(file.size);
      if (tooLarge) return { ok: false, error: tooLarge };
      const bytes = await file.arrayBuffer();
      return request<ReadSummary>(
        (id) => ({ type: 'read', id, bytes, fileName: file.name }),
        [bytes],
        onProgress,
      );
    },
    build: async (options, onProgress) => {
      let build = 0;
      const preview = await request<CompactPreview>(
        (id) => ({ type: 'build', id: (build = id), options }),
        [],
        onProgress,
      );
      buildOf.set(preview, build);
      return preview;
    },
    mapText: async (preview, keep) => {
      const build = buildOf.get(preview);
      if (build === undefined || !worker) return null;
      return outlive<Partial<Record<ImportLayer, Blob>> | null>((id) => ({
        type: 'map-text',
        id,
        build,
        keep,
      }));
    },
    storeImport: async (preview, head, layers) => {
      const build = buildOf.get(preview);
      if (build === undefined || !worker) return null;
      return outlive<boolean | null>((id) => ({ type: 'store', id, build, head, layers }));
    },
    readScenario: async (file) => {
      const tooLarge = exceeds('fileBytes', file.size);
      if (tooLarge) return { ok: false, message: limitMessageBoth(tooLarge) };
      const bytes = await file.arrayBuffer();
      return request<ScenarioImport>((id) => ({ type: 'scenario', id, bytes }), [bytes]);
    },
    buildNetwork: (crs, snapToleranceM, onProgress) =>
      request<NetworkPreview>(
        (id) => ({ type: 'network', id, crs, snapToleranceM }),
        [],
        onProgress,
      ),
    cancel: () => stop(new ImportCancelledError()),
    dispose: () => {
      const writing = worker;
      if (!writing || outliving.size === 0) return stop(new ImportCancelledError());
      worker = null;
      for (const [id, entry] of waiting) {
        if (outliving.has(id)) continue;
        waiting.delete(id);
        entry.reject(new ImportCancelledError());
      }
      void Promise.allSettled(outliving.values()).then(() => end(writing));
    },
  };
}
