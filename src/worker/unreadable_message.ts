/// <reference lib="webworker" />
/**
 * A message a worker could not read (its `messageerror`: the copy could not be rebuilt, out of
 * memory, say) would leave its request unanswered forever, and the worker cannot tell which
 * request it was. So the worker fails as a whole: the throw reaches the page as the Worker's
 * `error` event, whose handler rejects every waiting request and starts a fresh worker for the
 * next one.
 */
export function failOnUnreadableMessage(scope: DedicatedWorkerGlobalScope, worker: string): void {
  scope.onmessageerror = () => {
    throw new Error(`the ${worker} could not read a message from the page`);
  };
}
