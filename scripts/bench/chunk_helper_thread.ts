/**
 * The restore gate's helper for the restore bench, in a thread of its own as in the app: it
 * serves each port it is sent as src/worker/chunk_check.worker.ts does.
 */
import { parentPort } from 'node:worker_threads';
import { helpThrough } from '../../src/worker/chunk_helper';

parentPort!.on('message', ({ port }: { port: MessagePort }) => helpThrough(port));
parentPort!.postMessage('ready');
