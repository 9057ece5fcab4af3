/// <reference lib="webworker" />
/**
 * The restore gate's helper (see `ChunkHelper` in src/data/import_record.ts): while the
 * restore's worker checks the first half of a stored import's chunks, this one checks the
 * second, so that the second core checks half of a big import rather than wait. Each check
 * comes with a port of its own, through which the restore's worker talks to it.
 */
import { helpThrough } from './chunk_helper';
import { failOnUnreadableMessage } from './unreadable_message';

declare const self: DedicatedWorkerGlobalScope;

failOnUnreadableMessage(self, 'chunk check worker');

self.onmessage = (event: MessageEvent<{ port?: unknown }>) => {
  const { port } = event.data ?? {};
  if (port instanceof MessagePort) helpThrough(port);
};
