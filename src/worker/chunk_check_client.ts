/**
 * The page's end of the restore gate's helper: its worker, and a port to it for each check,
 * moved to the restore's worker with the request. Started after the restore's worker, whose
 * own start comes first. None where no worker can start: the gate then checks every chunk.
 */
let helper: Worker | null | undefined;

/** A channel to the helper: one port for the restore's worker, the other for the helper. */
export function chunkHelperChannel(): { port: MessagePort; connect: () => void } | undefined {
  if (helper === null || typeof MessageChannel === 'undefined') return undefined;
  const { port1, port2 } = new MessageChannel();
  const connect = () => {
    try {
      helper ??= startHelper();
      helper.postMessage({ port: port2 }, [port2]);
    } catch {
      helper = null;
      port2.close();
    }
  };
  return { port: port1, connect };
}

/** The helper's worker, dropped when it fails so that the next check starts a fresh one. */
function startHelper(): Worker {
  const started = new Worker(new URL('./chunk_check.worker.ts', import.meta.url), {
    type: 'module',
  });
  started.onerror = () => {
    started.terminate();
    if (helper === started) helper = undefined;
  };
  return started;
}
