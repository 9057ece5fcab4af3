import type { LayerData } from '../data/load';
import type { LayerId } from '../data/layers';
import { featureFacts } from './inspection/facility_facts';
import { useText } from './use_text';
import { ScenarioBadge } from './scenario/scenario_badge';
import { keyOr } from './i18n';
import { useFormats } from './use_formats';
import { hasEnglishOnlyName } from '../data/name_note';
import { markedName } from './inspection/place_name';

/** One facility chosen from a list: what it is, where, and where the data comes from. */
export function FacilityPanel({ data, layer, id }: { data: LayerData; layer: string; id: string }) {
  const t = useText();
  const f = useFormats();
  const feature = data.layers[layer as LayerId]?.features.find((f) => f.properties.id === id);
  if (!feature) return null;
  const p = feature.properties;
  const source = data.sources[p.source];
  return (
    <div data-testid="facility-panel">
      <h2 data-testid="facility-name">
        {p.name
          ? markedName(p.name, hasEnglishOnlyName(p), t)
          : t(keyOr(`layer.${layer}`, 'text.unknown'))}
      </h2>
      {hasEnglishOnlyName(p) && (
        <p className="eyebrow" data-testid="facility-name-note">
          {t('facility.englishOnlyName')}
        </p>
      )}
      <ScenarioBadge />
      <dl className="facts">
        <dt>{t('facility.kind')}</dt>
        <dd>
          {t(keyOr(`layer.${layer}`, 'text.unknown'))} · {p.kind}
        </dd>
        {featureFacts(p, t) && (
          <>
            <dt>{t(layer === 'schools' ? 'schools.level' : 'facility.lines')}</dt>
            <dd data-testid="facility-facts">{featureFacts(p, t)}</dd>
          </>
        )}
        {typeof p.level_evidence === 'string' && (
          <>
            <dt>{t('facility.evidence')}</dt>
            <dd>{p.level_evidence}</dd>
          </>
        )}
        {typeof p.note === 'string' && (
          <>
            <dt>{t('facility.note')}</dt>
            <dd>{p.note}</dd>
          </>
        )}
        <dt>{t('facility.subdistrict')}</dt>
        <dd>{p.subdistrict ?? t('facility.outside')}</dd>
        {typeof p.area_m2 === 'number' && (
          <>
            <dt>{t('facility.area')}</dt>
            <dd>
              {f.number(p.area_m2)} {t('unit.m2')}
            </dd>
          </>
        )}
        <dt>{t('facility.accuracy')}</dt>
        <dd>{t(`accuracy.${p.accuracy}`)}</dd>
        <dt>{t('facility.crs')}</dt>
        <dd>{p.source_crs}</dd>
        <dt>{t('facility.source')}</dt>
        <dd data-testid="facility-source">
          {source ? `${source.title} · ${source.attribution} · ${source.licence}` : p.source}
        </dd>
      </dl>
    </div>
  );
}
