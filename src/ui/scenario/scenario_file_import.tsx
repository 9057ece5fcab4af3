import { useRef } from 'react';
import { scenarioFromGeoJson } from '../../analysis/scenario';
import { useAppStore } from '../../state/store';
import { newId } from '../../state/work_slice';
import { useText } from '../use_text';

/** Reads a scenario exported before; a scenario whose id exists already comes in as a copy. */
export function ScenarioFileImport({ onProblem }: { onProblem: (message: string | null) => void }) {
  const t = useText();
  const input = useRef<HTMLInputElement>(null);
  const read = async (file: File) => {
    let value: unknown;
    try {
      value = JSON.parse(await file.text());
    } catch {
      onProblem(`${t('scenario.fileProblem')}${t('scenario.notJson')}`);
      return;
    }
    const read = scenarioFromGeoJson(value);
    if (!read.ok) {
      onProblem(`${t('scenario.fileProblem')}${read.message}`);
      return;
    }
    const { scenarios, saveScenario, setActiveScenario } = useAppStore.getState();
    const scenario = scenarios.some((s) => s.id === read.scenario.id)
      ? { ...read.scenario, id: newId() }
      : read.scenario;
    saveScenario(scenario);
    setActiveScenario(scenario.id);
    onProblem(null);
  };
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        {t('scenario.import')}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept=".geojson,.json,application/geo+json,application/json"
        data-testid="scenario-import-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void read(file);
        }}
      />
    </>
  );
}
