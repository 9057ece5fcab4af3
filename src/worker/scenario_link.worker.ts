/// <reference lib="webworker" />
/**
 * The gate for a scenario carried in a link, off the page's thread: inflates the value within
 * the link's byte limit, parses it within the nesting limit and reads it with the strict
 * scenario reader, as scenario files and stored scenarios are read in their workers. It also
 * works out the link's value for the scenario the page applies: writing its text, reading
 * that back with the same strict reader, and compressing it are the heavy part of keeping the
 * link in step with a large scenario.
 */
import { encodeScenarioParam, openScenarioParam } from '../state/scenario_link';
import type { ScenarioLinkRequest, ScenarioLinkResponse } from './scenario_link_client';
import { failOnUnreadableMessage } from './unreadable_message';
import { answeringPings } from './liveness';

declare const self: DedicatedWorkerGlobalScope;

failOnUnreadableMessage(self, 'link reader worker');

const answer = (response: ScenarioLinkResponse) => self.postMessage(response);

self.onmessage = answeringPings(self, (event: MessageEvent<ScenarioLinkRequest>) => {
  const request = event.data;
  const { id } = request;
  if (request.kind === 'decode') {
    // openScenarioParam never throws: a hostile value comes back refused, with the reason.
    void openScenarioParam(request.param).then((decoded) =>
      answer({ id, kind: 'decode', decoded }),
    );
    return;
  }
  encodeScenarioParam(request.scenario).then(
    (encoded) => answer({ id, kind: 'encode', encoded }),
    (error: unknown) => answer({ id, kind: 'encode', error: String(error) }),
  );
});
