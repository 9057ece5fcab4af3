import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * A message a worker could not read (its `messageerror`) names no request, so no answer would
 * come to the one it was. Each worker then throws: in a browser the throw reaches the page as
 * the Worker's `error` event, whose handler rejects every waiting request (see the clients'
 * tests). Each module is run here with a stand-in for the worker's global scope.
 */
afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

const workers = {
  'analysis worker': () => import('../../src/worker/analysis.worker'),
  'restore worker': () => import('../../src/worker/import_record.worker'),
  'layer text worker': () => import('../../src/worker/layer_text.worker'),
  'link reader worker': () => import('../../src/worker/scenario_link.worker'),
  'import worker': () => import('../../src/import/import.worker'),
};

describe('a worker given a message it could not read', () => {
  for (const [name, load] of Object.entries(workers)) {
    it(`the ${name} fails with an error saying so, and answers nothing`, async () => {
      const posted: unknown[] = [];
      const scope = {
        onmessage: null as ((event: { data: unknown }) => void) | null,
        onmessageerror: null as ((event: object) => void) | null,
        postMessage: (message: unknown) => posted.push(message),
      };
      vi.stubGlobal('self', scope);
      await load();
      expect(() => scope.onmessageerror?.({})).toThrow(
        `the ${name} could not read a message from the page`,
      );
      expect(posted).toEqual([]);
    });
  }
});
