import { useRef } from 'react';
import { createImportClient } from '../../import/import_client';
import { useAppStore } from '../../state/store';
import { newId } from '../../state/work_slice';
import { useText } from '../use_text';

/**
 * Reads a scenario exported before; a scenario whose id exists already comes in as a copy. The
 * file is checked in the import worker (limits, then the strict reader), never on this thread.
 */
export function ScenarioFileImport({ onProblem }: { onProblem: (message: string | null) => void }) {
  const t = useText();
  const input = useRef<HTMLInputElement>(null);
  const read = async (file: File) => {
    const client = createImportClient({
      subdistricts: { type: 'FeatureCollection', features: [] },
      reference: {},
    });
    const read = await client.readScenario(file).finally(() => client.dispose());
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
