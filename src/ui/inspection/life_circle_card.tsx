import type { Inspection } from '../../analysis/inspection';
import { walkingMinutes } from '../../analysis/inspection';
import { lifeCircleChecks } from '../../analysis/life_circle';
import { type CompletenessTable, isKnownAt } from '../../data/completeness';
import { useAppStore } from '../../state/store';
import { useText } from '../use_text';
import { useFormats } from '../use_formats';
import { featureFacts } from './facility_facts';
import { facilityLabel } from './place_name';

/** Which completeness row each life-circle kind rests on. */
const DATA_LAYER = {
  kindergarten: 'schools',
  primary: 'schools',
  middle: 'schools',
  park: 'parks',
  health: 'healthcare',
  metro: 'metro-stations',
} as const;

/** For a home: each item of the 5/10/15-minute life circles, met or not, in plain words. */
export function LifeCircleCard({
  inspection,
  unit,
  place,
  completeness,
}: {
  inspection: Inspection;
  unit: string | null;
  /** The compound or community the point lies in, when it lies in a named one. */
  place: string | null;
  completeness: CompletenessTable;
}) {
  const t = useText();
  const f = useFormats();
  const speed = useAppStore((s) => s.inspection.walkingSpeed);
  // Outside the data's extent for a kind, nothing found near is no data, not a failure.
  const checks = lifeCircleChecks(inspection.nearest, (key) =>
    isKnownAt(completeness[DATA_LAYER[key]]?.known_extent, inspection.lonLat, unit),
  );
  return (
    <section className="life-circle" data-testid="life-circle-card">
      <h3 data-testid="life-circle-place">
        {place || unit
          ? t('life.titleAt').replace(
              '{place}',
              place && unit ? `${place} · ${unit}` : (place ?? unit ?? ''),
            )
          : t('life.title')}
      </h3>
      <p className="life-summary" data-testid="life-summary">
        {t('life.summary')
          .replace('{n}', String(checks.filter((c) => c.met === true).length))
          .replace('{total}', String(checks.length))}
      </p>
      <ul>
        {checks.map(({ item, met, nearest }) => {
          const status = met === null ? 'unknown' : met ? 'met' : 'not-met';
          const dataStatus = unit
            ? completeness[DATA_LAYER[item.key]]?.units[unit]?.status
            : undefined;
          return (
            <li
              key={item.key}
              className={`life-item ${status}`}
              data-testid={`life-${item.key}`}
              data-status={status}
            >
              <span className="life-mark" aria-hidden="true">
                {met === null ? '?' : met ? '✓' : '✗'}
              </span>
              <span className="life-text">
                <strong>{t(`life.${item.key}`)}</strong>{' '}
                {t('life.within')
                  .replace('{r}', f.number(item.radiusM))
                  .replace('{m}', String(item.minutes))}
                {t('punct.colon')}
                {t(met === null ? 'life.unknown' : met ? 'life.met' : 'life.notMet')}
                {nearest && (
                  <small>
                    {t('inspect.nearest')} {facilityLabel(nearest.facility, t, f)}
                    {item.group === 'metro' &&
                      ` (${featureFacts(nearest.facility.feature.properties, t)})`}{' '}
                    · {f.number(nearest.distanceM)} {t('unit.m')} ·{' '}
                    {walkingMinutes(nearest.distanceM, speed)} {t('unit.min')}
                  </small>
                )}
                <small className="life-source">
                  {item.source}
                  {item.assumed && ` · ${t('life.assumed')}`}
                </small>
                {/* Unknown already says 无数据; the warning is for a "not met" in thin data. */}
                {met === false && dataStatus && dataStatus !== 'covered' && (
                  <small className="life-warning">⚠ {t('life.incomplete')}</small>
                )}
              </span>
            </li>
          );
        })}
      </ul>
      <p className="source-note">{t('inspect.walkNote')}</p>
    </section>
  );
}
