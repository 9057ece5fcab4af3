import type { LayerData } from '../data/load';
import { useAppStore } from '../state/store';
import { useText } from './use_text';
import { ScenarioBadge } from './scenario/scenario_badge';

/** One element of the plan's layout, with the plan's own words. */
export function PlanElementPanel({ data, id }: { data: LayerData; id: string }) {
  const t = useText();
  const language = useAppStore((s) => s.language);
  const element = data.layers['plan-layout'].features.find((f) => f.properties.id === id);
  if (!element) return null;
  const p = element.properties;
  return (
    <div data-testid="plan-element-panel">
      <p className="eyebrow">
        {String(p.element)} · {t('plan.task')} {String(p.task)}
      </p>
      <h2 data-testid="plan-element-name">{language === 'en' ? String(p.name_en) : p.name}</h2>
      <ScenarioBadge />
      {language === 'en' && <p className="subtitle">{p.name}</p>}
      <h3>{t('plan.words')}</h3>
      <blockquote lang="zh" data-testid="plan-text">
        {String(p.plan_text)}
      </blockquote>
      <h3>{t('plan.drawnFrom')}</h3>
      <p className="drawn-from">{String(p.drawn_from)}</p>
      <p className="accuracy-note">⚠ {t('plan.schematic')}</p>
    </div>
  );
}
