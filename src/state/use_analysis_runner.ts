import { useEffect, useRef } from 'react';
import { parameterProblems } from '../analysis/coverage_parameters';
import { coverageInputs } from '../analysis/coverage_inputs';
import type { Scenario } from '../analysis/scenario';
import type { LayerData } from '../data/load';
import type { StoredNetwork } from '../data/network_storage';
import { markResultStored, measureStage } from '../timing/analysis_stages';
import {
  type AnalysisClient,
  AnalysisWorkerFailedError,
  NetworkNotGivenError,
  createAnalysisClient,
} from '../worker/analysis_client';
import type { WorkerNetwork } from '../worker/protocol';
import { translate } from '../ui/i18n';
import { useAppStore } from './store';

/** Wait this long after the last change (typing a radius) before asking the worker. */
const SETTLE_MS = 200;

const workerNetwork = (n: StoredNetwork | null): WorkerNetwork | null =>
  n && {
    id: n.id,
    source: { name: n.fileName, importedAt: n.importedAt, lengthM: n.lengthM },
    edges: n.edges,
  };

/**
 * Keeps the analysis result in step with the analysis settings while the panel is open:
 * starts the worker once the first map is idle (`mapIdle`) or on first use, sends each
 * request and stores progress and result. Invalid parameters are not sent; the last result
 * stays.
 *
 * Two paths. Typed parameters settle first, and a newer request makes an older result stale.
 * A slider being dragged (and a scenario edit) is live: sent at once while the worker is free;
 * while it is busy only the newest change waits (never a queue), and every result that
 * arrives is shown, so the table and the map follow the hand. While a slider is held
 * (`sliderHeld`: dragged, or stepped with the keys until a pause) the results are previews
 * (the map draws them over itself without touching its sources); letting go asks for the
 * full result of the value let go at, which the worker still has.
 */
export function useAnalysisRunner(data: LayerData | null, mapIdle = false): void {
  const clientRef = useRef<AnalysisClient | null>(null);
  /** A live request is with the worker. */
  const busy = useRef(false);
  /** The newest live request waiting for the worker to be free. */
  const waiting = useRef<(() => void) | null>(null);
  const analysis = useAppStore((s) => s.analysis);
  const scenarios = useAppStore((s) => s.scenarios);
  const activeId = useAppStore((s) => s.activeScenarioId);
  const compareId = useAppStore((s) => s.scenarioEditor.compareWithId);
  const walkNetwork = useAppStore((s) => s.walkNetwork);
  /** The network the worker has (undefined: none sent yet). */
  const sentNetwork = useRef<StoredNetwork | null | undefined>(undefined);
  const sliderHeld = useAppStore((s) => s.sliderHeld);
  const lastAnalysis = useRef(analysis);
  const lastHeld = useRef(sliderHeld);

  useEffect(
    () => () => {
      clientRef.current?.dispose();
      clientRef.current = null;
      busy.current = false;
      waiting.current = null;
      sentNetwork.current = undefined;
    },
    [data],
  );

  // Once the first map is idle, start the worker: it prepares the residential rows and
  // measures the tab the panel opens on, so the first click finds them ready. Started in a
  // task of its own: sending the data copies every layer (200,000 imported car parks are
  // tens of MB), which should not lengthen the task that drew the data's change.
  useEffect(() => {
    if (!data || !mapIdle || clientRef.current) return;
    const start = setTimeout(() => {
      if (clientRef.current) return;
      const { tab, parameters, schoolLevel, schoolView } = useAppStore.getState().analysis;
      const valid = Object.keys(parameterProblems(parameters)).length === 0;
      clientRef.current = createAnalysisClient(
        coverageInputs(data),
        valid ? { tab, parameters, schoolLevel, schoolView } : undefined,
      );
    }, 0);
    return () => clearTimeout(start);
  }, [data, mapIdle]);

  useEffect(() => {
    const grabbed = sliderHeld && !lastHeld.current;
    lastHeld.current = sliderHeld;
    if (!data || !analysis.open) {
      useAppStore.getState().setAnalysisRun({ progress: null });
      return;
    }
    if (Object.keys(parameterProblems(analysis.parameters)).length > 0) return;
    // Taking hold of a slider changes nothing yet (letting go does: the full result follows).
    if (grabbed && lastAnalysis.current === analysis) return;
    const { setAnalysisRun, parametersLive } = useAppStore.getState();
    let cancelled = false;
    // Only typed parameters wait; opening a tab or choosing a level is one deliberate click.
    const typed = lastAnalysis.current.parameters !== analysis.parameters && !parametersLive;
    const live = !typed;
    const preview = live && sliderHeld && useAppStore.getState().mapFlat;
    lastAnalysis.current = analysis;
    const changedAt = performance.now();
    const send = () => {
      measureStage('settle', changedAt);
      clientRef.current ??= createAnalysisClient(coverageInputs(data));
      if (sentNetwork.current !== walkNetwork) {
        clientRef.current.setNetwork(workerNetwork(walkNetwork));
        sentNetwork.current = walkNetwork;
      }
      const startedAt = performance.now();
      setAnalysisRun({ progress: { done: 0, total: 1, startedAt }, error: null });
      const { tab, parameters, schoolLevel, schoolView } = analysis;
      const measured = [activeId, compareId]
        .map((id) => scenarios.find((s) => s.id === id))
        .filter((s): s is Scenario => s !== undefined);
      if (live) busy.current = true;
      clientRef.current
        .run(
          { tab, parameters, schoolLevel, schoolView },
          measured,
          (done, total) => {
            if (!cancelled) setAnalysisRun({ progress: { done, total, startedAt } });
          },
          preview,
        )
        .then((answer) => {
          // A live result superseded by a newer change is still the newest there is; a
          // preview is not once the slider is let go (the full result is on its way).
          if (!answer || (cancelled && !live)) return;
          if (preview && !useAppStore.getState().sliderHeld) return;
          // Measured along a network other than the one the page now shows: a newer run follows.
          if (answer.networkId !== (useAppStore.getState().walkNetwork?.id ?? null)) return;
          const storing = performance.now();
          setAnalysisRun({
            result: answer.result,
            preview: answer.preview,
            ...(cancelled ? {} : { progress: null }),
          });
          const stored = performance.now();
          measureStage('store', storing, stored);
          markResultStored(stored);
        })
        .catch((error: unknown) => {
          if (cancelled) return;
          if (error instanceof NetworkNotGivenError) {
            // The result shown was measured along the network before: it goes with the error.
            const { language } = useAppStore.getState();
            setAnalysisRun({
              progress: null,
              result: null,
              preview: null,
              error: `${translate(language, 'analysis.networkNotGiven')} (${error.message})`,
            });
            return;
          }
          if (error instanceof AnalysisWorkerFailedError) {
            const { language } = useAppStore.getState();
            setAnalysisRun({
              progress: null,
              error: `${translate(language, 'analysis.workerFailed')} (${error.message})`,
            });
            return;
          }
          setAnalysisRun({
            progress: null,
            error: error instanceof Error ? error.message : String(error),
          });
        })
        .finally(() => {
          if (!live) return;
          busy.current = false;
          const next = waiting.current;
          waiting.current = null;
          next?.();
        });
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (!live) timer = setTimeout(send, SETTLE_MS);
    else if (busy.current) waiting.current = send;
    else send();
    return () => {
      cancelled = true;
      clearTimeout(timer);
      if (waiting.current === send) waiting.current = null;
    };
  }, [data, analysis, scenarios, activeId, compareId, walkNetwork, sliderHeld]);
}
