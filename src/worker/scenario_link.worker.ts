/// <reference lib="webworker" />
/**
 * The gate for a scenario carried in a link, off the page's thread: inflates the value within
 * the link's byte limit, parses it within the nesting limit and reads it with the strict
 * scenario reader, as scenario files and stored scenarios are read in their workers.
 */
import { decodeScenarioParam } from '../state/scenario_link';
import type { ScenarioLinkRequest, ScenarioLinkResponse } from './scenario_link_client';
import { failOnUnreadableMessage } from './unreadable_message';
import { answeringPings } from './liveness';

declare const self: DedicatedWorkerGlobalScope;

failOnUnreadableMessage(self, 'link reader worker');

self.onmessage = answeringPings(self, (event: MessageEvent<ScenarioLinkRequest>) => {
  const { id, param } = event.data;
  // decodeScenarioParam never throws: a hostile value comes back refused, with the reason.
  void decodeScenarioParam(param).then((decoded) =>
    self.postMessage({ id, decoded } satisfies ScenarioLinkResponse),
  );
});
