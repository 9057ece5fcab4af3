import type { MultiPolygon, Polygon } from 'geojson';
import { useMemo } from 'react';
import { summarizeSubdistrict } from '../analysis/subdistrict_summary';
import type { LayerData } from '../data/load';
import type { AppFeature } from '../data/schema';
import { useAppStore } from '../state/store';
import { useText } from './use_text';
import { useFormats } from './use_formats';
import { ScenarioBadge } from './scenario/scenario_badge';

const COUNTED_LAYERS = ['communities', 'parks', 'schools', 'healthcare', 'car-parks'] as const;

/** The profile of one sub-district: area, facility counts, communities, data gaps. */
export function SubdistrictPanel({ data, name }: { data: LayerData; name: string }) {
  const t = useText();
  const f = useFormats();
  const language = useAppStore((s) => s.language);
  const unit = data.layers.subdistricts.features.find((f) => f.properties.name === name) as
    AppFeature<Polygon | MultiPolygon> | undefined;
  const summary = useMemo(
    () => (unit ? summarizeSubdistrict(unit, data.layers) : null),
    [unit, data],
  );
  if (!unit || !summary) return null;
  const gaps = COUNTED_LAYERS.filter((layer) => {
    const status = data.completeness[layer]?.units[name]?.status;
    return status && status !== 'covered';
  });
  const title = language === 'en' ? String(unit.properties.name_en ?? name) : name;
  return (
    <div data-testid="subdistrict-panel">
      <h2 data-testid="subdistrict-name">{title}</h2>
      <ScenarioBadge />
      {language === 'en' && <p className="subtitle">{name}</p>}
      <dl className="facts">
        <dt>{t('subdistrict.area')}</dt>
        <dd data-testid="subdistrict-area">
          {f.number(summary.areaKm2, 2)} {t('unit.km2')}
        </dd>
        <dt>{t('subdistrict.communities')}</dt>
        <dd data-testid="subdistrict-communities">{summary.communityNames.length}</dd>
        <dt>{t('subdistrict.parks')}</dt>
        <dd data-testid="subdistrict-parks">{summary.parkCount}</dd>
        <dt>{t('subdistrict.green')}</dt>
        <dd>{summary.greenSpaceCount}</dd>
        <dt>{t('subdistrict.schools')}</dt>
        <dd data-testid="subdistrict-schools">{summary.schoolCount}</dd>
        <dt>{t('subdistrict.health')}</dt>
        <dd data-testid="subdistrict-health">{summary.healthFacilityCount}</dd>
      </dl>
      {gaps.length > 0 && (
        <div className="completeness-note" data-testid="completeness-note">
          <strong>⚠ {t('completeness.title')}</strong>
          <ul>
            {gaps.map((layer) => (
              <li key={layer}>
                {t(layer === 'car-parks' ? 'completeness.carParks' : `layer.${layer}`)}:{' '}
                {t(`completeness.${data.completeness[layer]!.units[name]!.status}`)} —{' '}
                {language === 'zh'
                  ? data.completeness[layer]!.note_zh
                  : data.completeness[layer]!.note}
              </li>
            ))}
          </ul>
        </div>
      )}
      <h3>{t('subdistrict.communityList')}</h3>
      <ul className="community-list" data-testid="community-list">
        {summary.communityNames.map((community) => (
          <li key={community}>{community}</li>
        ))}
      </ul>
    </div>
  );
}
