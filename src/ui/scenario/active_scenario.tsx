import { centroid } from '@turf/turf';
import type { Geometry } from 'geojson';
import { SERVED_SCHOOL_LEVELS } from '../../analysis/coverage_report';
import { type Scenario, type ScenarioEdit, scenarioToGeoJson } from '../../analysis/scenario';
import { useAppStore } from '../../state/store';
import type { ScenarioTool } from '../../state/work_slice';
import { downloadText } from '../download';
import { useText } from '../use_text';
import { ScenarioLinkStatus } from './scenario_link_status';
import type { StringKey } from '../i18n';

const TOOLS: ScenarioTool[] = ['add-park', 'add-school', 'add-car-park', 'remove'];

/** The scenario being edited: its name and file actions, the map tools, and its edits. */
export function ActiveScenario({
  scenario,
  onDuplicate,
}: {
  scenario: Scenario;
  onDuplicate: () => void;
}) {
  const t = useText();
  const editor = useAppStore((s) => s.scenarioEditor);
  const { updateScenarioEditor, renameScenario, deleteScenario, removeEdit, finishPark } =
    useAppStore.getState();
  return (
    <div className="active-scenario" data-testid="active-scenario">
      <label className="field">
        {t('scenario.name')}
        <input
          type="text"
          data-testid="scenario-name"
          value={scenario.name}
          maxLength={80}
          onChange={(event) => renameScenario(scenario.id, event.target.value)}
        />
      </label>
      <div className="scenario-actions">
        <button type="button" data-testid="scenario-duplicate" onClick={onDuplicate}>
          {t('scenario.duplicate')}
        </button>
        <button
          type="button"
          data-testid="scenario-export"
          onClick={() =>
            downloadText(
              `huitian-scenario-${scenario.name.replace(/[\\/:*?"<>|\s]+/g, '_')}.geojson`,
              JSON.stringify(scenarioToGeoJson(scenario)),
              'application/geo+json',
            )
          }
        >
          {t('scenario.export')}
        </button>
        <button
          type="button"
          data-testid="scenario-delete"
          onClick={() => {
            if (window.confirm(t('scenario.confirmDelete').replace('{name}', scenario.name))) {
              deleteScenario(scenario.id);
            }
          }}
        >
          {t('scenario.delete')}
        </button>
      </div>
      <ScenarioLinkStatus scenario={scenario} />
      <h3>{t('scenario.tools')}</h3>
      <div className="segmented scenario-tools" role="group">
        {TOOLS.map((tool) => (
          <button
            key={tool}
            type="button"
            data-testid={`scenario-tool-${tool}`}
            aria-pressed={editor.tool === tool}
            onClick={() =>
              updateScenarioEditor({
                tool: editor.tool === tool ? null : tool,
                draft: [],
                problem: null,
              })
            }
          >
            {t(`scenario.tool.${tool}`)}
          </button>
        ))}
      </div>
      {editor.tool === 'add-school' && (
        <label className="field">
          {t('scenario.schoolLevel')}
          <select
            data-testid="scenario-school-level"
            value={editor.schoolLevel}
            onChange={(event) =>
              updateScenarioEditor({
                schoolLevel: event.target.value as (typeof SERVED_SCHOOL_LEVELS)[number],
              })
            }
          >
            {SERVED_SCHOOL_LEVELS.map((level) => (
              <option key={level} value={level}>
                {t(`legend.${level}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {editor.tool === 'add-car-park' && (
        <label className="field">
          {t('scenario.spaces')}
          <input
            type="number"
            min={1}
            step={1}
            data-testid="scenario-spaces"
            value={editor.carParkSpaces}
            onChange={(event) => {
              const spaces = Math.round(Number(event.target.value));
              if (Number.isFinite(spaces) && spaces >= 1)
                updateScenarioEditor({ carParkSpaces: spaces });
            }}
          />
        </label>
      )}
      {editor.tool && (
        <p className="hint" data-testid="scenario-tool-hint">
          {t(`scenario.hint.${editor.tool}`)}
        </p>
      )}
      {editor.tool === 'add-park' && (
        <div className="scenario-actions">
          <span className="hint">
            {t('scenario.vertices').replace('{n}', String(editor.draft.length))}
          </span>
          <button type="button" data-testid="scenario-finish-park" onClick={() => finishPark()}>
            {t('scenario.finishPark')}
          </button>
          <button
            type="button"
            disabled={editor.draft.length === 0}
            onClick={() =>
              updateScenarioEditor({ draft: editor.draft.slice(0, -1), problem: null })
            }
          >
            {t('scenario.undoVertex')}
          </button>
        </div>
      )}
      {editor.problem && (
        <p className="status error" role="alert" data-testid="scenario-problem">
          {t(editor.problem)}
          {editor.problemDetail && ` (${editor.problemDetail})`}
        </p>
      )}
      <h3>{t('scenario.edits')}</h3>
      {scenario.edits.length === 0 ? (
        <p className="hint">{t('scenario.noEdits')}</p>
      ) : (
        <ol className="scenario-edits">
          {scenario.edits.map((edit) => (
            <li key={edit.id} data-testid="scenario-edit" data-edit-type={edit.type}>
              <button
                type="button"
                className="link-button"
                title={t('scenario.showEdit')}
                onClick={() => showEdit(edit)}
              >
                {t(`scenario.edit.${edit.type}`)} · {edit.name || '—'}
                {editDetail(edit, t)}
              </button>
              <button
                type="button"
                className="undo-button"
                data-testid="scenario-edit-undo"
                aria-label={t('scenario.undoEdit')}
                title={t('scenario.undoEdit')}
                onClick={() => removeEdit(edit.id)}
              >
                ×
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** Flies the map to an edit: the added facility, or the removed one where the data has it. */
function showEdit(edit: ScenarioEdit) {
  const state = useAppStore.getState();
  let geometry: Geometry | undefined;
  if (edit.type !== 'remove') geometry = edit.geometry;
  else if (state.data.status === 'ready') {
    geometry = state.data.data.layers[edit.layer].features.find(
      (f) => f.properties.id === edit.featureId,
    )?.geometry;
  }
  if (!geometry) return;
  const [lon, lat] = centroid(geometry).geometry.coordinates as [number, number];
  state.flyTo([lon, lat], 15);
}

function editDetail(edit: ScenarioEdit, t: (key: StringKey) => string): string {
  if (edit.type === 'add-school') return ` (${t(`legend.${edit.level}`)})`;
  if (edit.type === 'add-car-park') return ` (${edit.spaces} ${t('scenario.spacesUnit')})`;
  return '';
}
