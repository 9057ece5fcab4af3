import { useEffect } from 'react';
import type { Scenario } from '../analysis/scenario';
import { DEFAULT_VISIBLE_LAYERS } from '../layers/catalog';
import { DEFAULT_INSPECTION, zoomForRadius } from './inspection_settings';
import {
  type OpenedScenarioLink,
  type ScenarioParam,
  sameInLink,
  savedScenarioParam,
} from './scenario_link';
import { DEFAULT_VIEW, type AppState, useAppStore } from './store';
import { parseHash, serializeHash } from './url_hash';
import { newId } from './work_slice';
import { decodeScenarioLink } from '../worker/scenario_link_client';
import { scenarioLinkEncoder } from '../worker/scenario_link_encoder';
import type { StringKey } from '../ui/i18n';

/** The link's `scenario=` value while it is being read; kept in the hash until then. */
let pendingScenario: string | null = null;
/** Which link opening is current: a later one makes an earlier, slower decode moot. */
let linkSerial = 0;

/** Applies a hash to the store; values missing or bad in the hash fall back to the defaults. */
function applyHash(hash: string): void {
  const parsed = parseHash(hash);
  const store = useAppStore.getState();
  // A link to a point without a view opens close to the point.
  const view =
    parsed.view ??
    (parsed.inspection
      ? {
          center: parsed.inspection.lonLat,
          zoom: zoomForRadius(parsed.inspection.radiusM ?? DEFAULT_INSPECTION.radiusM),
        }
      : null);
  store.setView(view ?? DEFAULT_VIEW);
  useAppStore.setState({ viewFromLink: view !== null });
  store.setVisibleLayers(parsed.layers ?? [...DEFAULT_VISIBLE_LAYERS]);
  store.setLanguage(parsed.language ?? 'zh');
  store.setAnalysis(parsed.analysis ?? { ...store.analysis, open: false });
  store.updateInspection(
    parsed.inspection
      ? {
          open: true,
          lonLat: parsed.inspection.lonLat,
          radiusM: parsed.inspection.radiusM ?? DEFAULT_INSPECTION.radiusM,
        }
      : { lonLat: null },
  );
  store.setPlan(parsed.task ? { open: true, task: parsed.task } : { ...store.plan, task: null });
  if (parsed.project) store.select({ type: 'plan-project', id: parsed.project });
  else if (store.selection.type === 'plan-project') store.select({ type: 'none' });
  const ignored = parsed.ignored.join('-');
  store.setLinkNotice(
    parsed.ignored.length > 0 || parsed.ignoredParameters.length > 0
      ? {
          key:
            ignored === 'at' || ignored === 'r' || ignored === 'at-r'
              ? `link.ignored.${ignored}`
              : null,
          parameters: parsed.ignoredParameters,
        }
      : null,
  );
  const serial = ++linkSerial;
  pendingScenario = new URLSearchParams(hash.replace(/^#/, '')).get('scenario');
  void applyScenario(parsed.scenario, serial).finally(() => {
    if (serial !== linkSerial) return;
    pendingScenario = null;
    writeHash(useAppStore.getState());
  });
}

/** The link's scenario choice, read and decoded, waiting for the saved work it is made in. */
let waitingChoice: { make: () => void; drop: () => void } | null = null;

/**
 * Makes the link's waiting scenario choice. The restore calls this right after the saved work
 * is in the store and before the data is, so nothing is drawn with the scenario that was
 * applied when the page was last closed.
 */
export function makeLinkScenarioChoice(): void {
  const choice = waitingChoice;
  waitingChoice = null;
  choice?.make();
}

const workRestored = (s: AppState) => s.shipped !== null || s.data.status === 'error';

/**
 * The link decides which scenario is applied: none without `scenario=`, else the one it
 * carries (added to this browser's scenarios unless an identical one is there) or names.
 * A carried scenario is decoded before the saved work is restored, so the choice is ready
 * for it.
 */
async function applyScenario(param: ScenarioParam | null, serial: number): Promise<void> {
  // Read in a worker, through the same strict reader as scenario files and stored scenarios.
  const decoded = param?.type === 'encoded' ? await decodeScenarioLink(param) : null;
  if (serial !== linkSerial) return;
  await new Promise<void>((resolve) => {
    waitingChoice?.drop();
    waitingChoice = {
      make: () => {
        chooseScenario(param, decoded, serial);
        resolve();
      },
      drop: resolve,
    };
    if (workRestored(useAppStore.getState())) makeLinkScenarioChoice();
  });
}

function chooseScenario(
  param: ScenarioParam | null,
  decoded: OpenedScenarioLink | null,
  serial: number,
): void {
  if (serial !== linkSerial) return;
  const store = () => useAppStore.getState();
  const notice = (key: StringKey) =>
    store().setLinkNotice({ key, parameters: store().linkNotice?.parameters ?? [] });
  if (param === null || param.type === 'bad') {
    if (store().activeScenarioId !== null) store().setActiveScenario(null);
    if (param) notice(`link.scenario.${param.reason}`);
    return;
  }
  if (param.type === 'saved') {
    const saved = store().scenarios.find((s) => s.id === param.id);
    if (saved) store().setActiveScenario(saved.id);
    else {
      store().setActiveScenario(null);
      notice('link.scenario.notHere');
    }
    return;
  }
  if (!decoded?.ok) {
    store().setActiveScenario(null);
    notice('link.scenario.unreadable');
    return;
  }
  const linked = decoded.scenario;
  // The scenario chosen says in a link what the link's does, so its value is the one the
  // reader worked out (the value depends on the scenario only through its link text): the
  // address keeps it from the start, rather than naming the scenario until it is asked again.
  const valueKnown = (chosen: Scenario) => {
    if (decoded.encoded) scenarioLinkEncoder.seed(chosen, decoded.encoded);
  };
  const same = store().scenarios.find((s) => sameInLink(s, linked));
  if (same) {
    valueKnown(same);
    store().setActiveScenario(same.id);
    return;
  }
  const taken = store().scenarios.some((s) => s.id === linked.id);
  // Its id is used here by another scenario: a copy under a new id, made when this link was
  // opened before, is chosen again rather than copied once more at every opening.
  const copy = taken ? store().scenarios.find((s) => copyOfLinked(s, linked)) : undefined;
  if (copy) {
    store().setActiveScenario(copy.id);
    return;
  }
  // A new id is a new link text: that one is asked for, and named until it comes.
  const added: Scenario = taken ? { ...linked, id: newId() } : linked;
  if (!taken) valueKnown(added);
  store().saveScenario(added);
  store().setActiveScenario(added.id);
  notice('link.scenario.added');
}

/**
 * True when `saved` is the linked scenario under another id. Name and edit count go first:
 * the link text of a scenario with a large park takes milliseconds to build.
 */
function copyOfLinked(saved: Scenario, linked: Scenario): boolean {
  return (
    saved.id !== linked.id &&
    saved.name === linked.name &&
    saved.edits.length === linked.edits.length &&
    sameInLink({ ...saved, id: linked.id }, linked)
  );
}

/** The scenario whose link value is asked for and not yet answered: one write per answer. */
let askedFor: Scenario | null = null;

/**
 * The active scenario's `scenario=` value: the one its link worker answered for this version,
 * else (while that answer is pending, or when the worker failed) the saved form naming it, so
 * the link never carries a text that was not read back.
 */
function scenarioValue(state: AppState): string | null {
  if (pendingScenario !== null) return pendingScenario;
  const active = state.scenarios.find((s) => s.id === state.activeScenarioId);
  if (!active) return null;
  const known = scenarioLinkEncoder.known(active);
  if (known) return known.ok ? known.param.value : savedScenarioParam(active.id);
  if (askedFor !== active) {
    askedFor = active;
    // A dropped answer (a newer version was asked for) resolves null and writes nothing.
    void scenarioLinkEncoder.ask(active).then((answer) => {
      if (askedFor === active) askedFor = null;
      if (answer) writeHash(useAppStore.getState());
    });
  }
  return savedScenarioParam(active.id);
}

function writeHash(state: AppState): void {
  const scenario = scenarioValue(state);
  const hash = serializeHash({
    view: state.view,
    layers: state.visibleLayers,
    language: state.language,
    analysis: state.analysis,
    inspection: state.inspection.open ? state.inspection : null,
    task: state.plan.open ? state.plan.task : null,
    project: state.selection.type === 'plan-project' ? state.selection.id : null,
    scenario,
  });
  if (hash !== window.location.hash) {
    window.history.replaceState(null, '', hash);
  }
}

/** Keeps the URL hash and the store in step: hash → store on load and on navigation. */
export function useHashSync(): void {
  useEffect(() => {
    applyHash(window.location.hash);
    const onHashChange = () => applyHash(window.location.hash);
    window.addEventListener('hashchange', onHashChange);
    const unsubscribe = useAppStore.subscribe(writeHash);
    return () => {
      window.removeEventListener('hashchange', onHashChange);
      unsubscribe();
    };
  }, []);
}
