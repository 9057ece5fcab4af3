import { useEffect, useRef } from 'react';
import { parameterProblems } from '../analysis/coverage_parameters';
import { coverageInputs } from '../analysis/coverage_inputs';
import type { Scenario } from '../analysis/scenario';
import type { LayerData } from '../data/load';
import { markResultStored, measureStage } from '../timing/analysis_stages';
import { type AnalysisClient, createAnalysisClient } from '../worker/analysis_client';
import { useAppStore } from './store';

/** Wait this long after the last change (typing a radius) before asking the worker. */
const SETTLE_MS = 200;

/**
 * Keeps the analysis result in step with the analysis settings while the panel is open:
 * starts the worker on first use, sends each settled request and stores progress and result.
 * Invalid parameters are not sent; the last result stays.
 */
export function useAnalysisRunner(data: LayerData | null): void {
  const clientRef = useRef<AnalysisClient | null>(null);
  const analysis = useAppStore((s) => s.analysis);
  const scenarios = useAppStore((s) => s.scenarios);
  const activeId = useAppStore((s) => s.activeScenarioId);
  const compareId = useAppStore((s) => s.scenarioEditor.compareWithId);
  // Settings typed into the panel settle first; a scenario edit is measured at once.
  const lastAnalysis = useRef(analysis);

  useEffect(
    () => () => {
      clientRef.current?.dispose();
      clientRef.current = null;
    },
    [data],
  );

  useEffect(() => {
    if (!data || !analysis.open) {
      useAppStore.getState().setAnalysisRun({ progress: null });
      return;
    }
    if (Object.keys(parameterProblems(analysis.parameters)).length > 0) return;
    const { setAnalysisRun } = useAppStore.getState();
    let cancelled = false;
    const delay = lastAnalysis.current === analysis ? 0 : SETTLE_MS;
    lastAnalysis.current = analysis;
    const changedAt = performance.now();
    const timer = setTimeout(() => {
      measureStage('settle', changedAt);
      clientRef.current ??= createAnalysisClient(coverageInputs(data));
      const startedAt = performance.now();
      setAnalysisRun({ progress: { done: 0, total: 1, startedAt }, error: null });
      const { tab, parameters, schoolLevel, schoolView } = analysis;
      const measured = [activeId, compareId]
        .map((id) => scenarios.find((s) => s.id === id))
        .filter((s): s is Scenario => s !== undefined);
      clientRef.current
        .run({ tab, parameters, schoolLevel, schoolView }, measured, (done, total) => {
          if (!cancelled) setAnalysisRun({ progress: { done, total, startedAt } });
        })
        .then((result) => {
          if (!result || cancelled) return;
          const storing = performance.now();
          setAnalysisRun({ result, progress: null });
          const stored = performance.now();
          measureStage('store', storing, stored);
          markResultStored(stored);
        })
        .catch((error: unknown) => {
          if (!cancelled) {
            setAnalysisRun({
              progress: null,
              error: error instanceof Error ? error.message : String(error),
            });
          }
        });
    }, delay);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [data, analysis, scenarios, activeId, compareId]);
}
