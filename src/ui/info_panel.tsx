import type { LayerData } from '../data/load';
import { useAppStore } from '../state/store';
import { FacilityPanel } from './facility_panel';
import { PlanElementPanel } from './plan_element_panel';
import { ProjectPanel } from './plan/project_panel';
import { SubdistrictPanel } from './subdistrict_panel';
import { useText } from './use_text';

/** The details of what is selected on the map. */
export function InfoPanel({ data }: { data: LayerData }) {
  const t = useText();
  const selection = useAppStore((s) => s.selection);
  const select = useAppStore((s) => s.select);
  if (selection.type === 'none') return null;
  return (
    <section className="info-panel" data-testid="info-panel">
      <button
        type="button"
        className="close"
        aria-label={t('panel.close')}
        onClick={() => select({ type: 'none' })}
      >
        ×
      </button>
      {selection.type === 'subdistrict' && <SubdistrictPanel data={data} name={selection.name} />}
      {selection.type === 'plan-element' && <PlanElementPanel data={data} id={selection.id} />}
      {selection.type === 'plan-project' && <ProjectPanel data={data} id={selection.id} />}
      {selection.type === 'facility' && (
        <FacilityPanel data={data} layer={selection.layer} id={selection.id} />
      )}
    </section>
  );
}
