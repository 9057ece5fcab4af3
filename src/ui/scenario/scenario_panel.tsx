import { useState } from 'react';
import type { Scenario } from '../../analysis/scenario';
import { useAppStore } from '../../state/store';
import { newId } from '../../state/work_slice';
import { useText } from '../use_text';
import { ActiveScenario } from './active_scenario';
import { ScenarioFileImport } from './scenario_file_import';
import { ScenarioBadge } from './scenario_badge';

/**
 * What-if scenarios: named sets of edits (a planned park, school or car park; a facility
 * removed), measured by the analysis panel as before → after. Kept in this browser.
 */
export function ScenarioPanel() {
  const t = useText();
  const editor = useAppStore((s) => s.scenarioEditor);
  const scenarios = useAppStore((s) => s.scenarios);
  const activeId = useAppStore((s) => s.activeScenarioId);
  const { updateScenarioEditor, saveScenario, setActiveScenario } = useAppStore.getState();
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  if (!editor.open) return null;
  const active = scenarios.find((s) => s.id === activeId) ?? null;

  const create = (from?: Scenario) => {
    const now = new Date().toISOString();
    const scenario: Scenario = {
      id: newId(),
      name: from
        ? `${from.name} ${t('scenario.copySuffix')}`
        : `${t('scenario.defaultName')} ${scenarios.length + 1}`,
      edits: from ? structuredClone(from.edits) : [],
      createdAt: now,
      updatedAt: now,
    };
    saveScenario(scenario);
    setActiveScenario(scenario.id);
  };

  return (
    <section
      className="scenario-panel"
      data-testid="scenario-panel"
      aria-label={t('scenario.title')}
    >
      <button
        type="button"
        className="close"
        aria-label={t('panel.close')}
        onClick={() => updateScenarioEditor({ open: false, tool: null, draft: [] })}
      >
        ×
      </button>
      <h2>{t('scenario.title')}</h2>
      <ScenarioBadge />
      <p className="hint">{t('scenario.intro')}</p>
      <div className="scenario-actions">
        <button type="button" data-testid="scenario-new" onClick={() => create()}>
          {t('scenario.new')}
        </button>
        <ScenarioFileImport onProblem={setFileProblem} />
      </div>
      {editor.deletedElsewhere !== null && (
        <p className="status error" role="alert" data-testid="scenario-deleted-elsewhere">
          {t('scenario.deletedElsewhere').replace('{name}', editor.deletedElsewhere)}
        </p>
      )}
      {fileProblem && (
        <p className="status error" role="alert" data-testid="scenario-file-problem">
          {fileProblem}
        </p>
      )}
      {scenarios.length > 0 && (
        <ul className="scenario-list" data-testid="scenario-list">
          {scenarios.map((s) => (
            <li key={s.id} data-active={s.id === activeId}>
              <label>
                <input
                  type="radio"
                  name="active-scenario"
                  checked={s.id === activeId}
                  onChange={() => setActiveScenario(s.id)}
                />
                <span className="scenario-name">{s.name}</span>
                <small> · {t('scenario.editCount').replace('{n}', String(s.edits.length))}</small>
              </label>
            </li>
          ))}
          <li>
            <label>
              <input
                type="radio"
                name="active-scenario"
                checked={activeId === null}
                onChange={() => setActiveScenario(null)}
              />
              {t('scenario.none')}
            </label>
          </li>
        </ul>
      )}
      {active && <ActiveScenario scenario={active} onDuplicate={() => create(active)} />}
      {active && scenarios.length > 1 && (
        <label className="field">
          {t('scenario.compareWith')}
          <select
            data-testid="scenario-compare"
            value={editor.compareWithId ?? ''}
            onChange={(event) =>
              updateScenarioEditor({ compareWithId: event.target.value || null })
            }
          >
            <option value="">—</option>
            {scenarios
              .filter((s) => s.id !== active.id)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
          </select>
        </label>
      )}
    </section>
  );
}
