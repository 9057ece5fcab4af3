/**
 * Resolves in a task of its own, so that messages waiting for this thread are handled first:
 * through a message channel rather than `setTimeout`, which browsers hold to 4 ms once timers
 * nest, as they do between the chunks of a long check.
 */
export function nextTask(): Promise<void> {
  const { port1, port2 } = new MessageChannel();
  return new Promise((resolve) => {
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}
