import { useAppStore } from '../../state/store';
import { useText } from '../use_text';

/** The applied scenario's name, under every panel's title while a scenario is applied. */
export function ScenarioBadge() {
  const t = useText();
  const name = useAppStore(
    (s) => s.scenarios.find((scenario) => scenario.id === s.activeScenarioId)?.name ?? null,
  );
  if (name === null) return null;
  return (
    <p className="scenario-badge" data-testid="panel-scenario">
      {t('scenario.applied')}
      <strong>{name || '—'}</strong>
    </p>
  );
}
