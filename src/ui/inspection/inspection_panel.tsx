import * as turf from '@turf/turf';
import { useMemo, useState } from 'react';
import { FACILITY_GROUPS } from '../../analysis/facility_index';
import {
  INSPECTION_RADIUS_LIMITS,
  INSPECTION_RADIUS_PRESETS,
  circleLand,
  inspectPoint,
  walkingMinutes,
} from '../../analysis/inspection';
import type { LayerData } from '../../data/load';
import { parseLonLat, zoomForRadius } from '../../state/inspection_settings';
import { useAppStore } from '../../state/store';
import { inspectionCsv } from '../../export/inspection_export';
import { downloadText, exportContext } from '../download';
import { useText } from '../use_text';
import { useFormats } from '../use_formats';
import { featureFacts } from './facility_facts';
import { inspectionData } from './inspection_data';
import { facilityLabel, placeNameAt } from './place_name';
import { LifeCircleCard } from './life_circle_card';
import { ScenarioBadge } from '../scenario/scenario_badge';
import { NetworkInspectionSection, NetworkSwitch } from './network_section';

/**
 * The inspected point: radius, coordinates, life circles, facilities and land in the circle.
 * Its indexes are built when it is first opened, not with every data set the app loads.
 */
export function InspectionPanel({ data }: { data: LayerData }) {
  const open = useAppStore((s) => s.inspection.open);
  return open ? <OpenInspectionPanel data={data} /> : null;
}

function OpenInspectionPanel({ data }: { data: LayerData }) {
  const t = useText();
  const f = useFormats();
  const settings = useAppStore((s) => s.inspection);
  const parameters = useAppStore((s) => s.analysis.parameters);
  const update = useAppStore((s) => s.updateInspection);
  const { lonLat, radiusM } = settings;
  const indexes = inspectionData(data, parameters.includeUnverifiedSchools);
  const result = useMemo(
    () => (lonLat ? inspectPoint(indexes.facilities, lonLat, radiusM) : null),
    [indexes, lonLat, radiusM],
  );
  const unit = useMemo(() => {
    if (!lonLat) return null;
    const found = data.layers.subdistricts.features.find((f) =>
      turf.booleanPointInPolygon(lonLat, f as never),
    );
    return found?.properties.name ?? null;
  }, [data, lonLat]);
  const place = useMemo(() => (lonLat ? placeNameAt(data, lonLat) : null), [data, lonLat]);
  const land = useMemo(
    () =>
      lonLat
        ? circleLand(
            indexes.residential,
            data.layers.parks,
            parameters,
            lonLat,
            radiusM,
            data.completeness.parks?.known_extent,
            unit,
          )
        : null,
    [indexes, data, parameters, lonLat, radiusM, unit],
  );
  return (
    <section className="inspection-panel" data-testid="inspection-panel">
      <button
        type="button"
        className="close"
        aria-label={t('panel.close')}
        onClick={() => update({ open: false, lonLat: null })}
      >
        ×
      </button>
      <h2>{t('inspect.title')}</h2>
      <ScenarioBadge />
      <RadiusControl />
      <NetworkSwitch />
      <CoordinateInput />
      {!result && <p className="hint">{t('inspect.hint')}</p>}
      {result && (
        <>
          <p className="inspect-where" data-testid="inspection-where">
            {lonLat![0].toFixed(5)}, {lonLat![1].toFixed(5)}
            {unit && ` · ${unit}`}
            <CopyLinkButton />
          </p>
          <LifeCircleCard
            inspection={result}
            unit={unit}
            place={place}
            completeness={data.completeness}
          />
          <NetworkInspectionSection
            inspection={result}
            projection={indexes.facilities.projection}
          />
          <section className="circle-land" data-testid="inspection-land">
            <h3>{t('inspect.land')}</h3>
            {land && land.residentialAreaM2 > 0 ? (
              <p>
                {f.number(land.residentialAreaM2 / 1e4, 1)} {t('unit.ha')} ·{' '}
                {t('inspect.landServed')}{' '}
                <strong data-testid="inspection-land-share">
                  {land.parkUnknownShare > 0 ? '≥ ' : ''}
                  {f.percent(land.parkCoveredShare ?? 0)}
                </strong>
                {land.parkUnknownShare > 0 && (
                  <>
                    {' '}
                    {t('punct.open')}
                    {t('analysis.unknownShare').replace('{p}', f.percent(land.parkUnknownShare))}
                    {t('punct.close')}
                  </>
                )}
              </p>
            ) : (
              <p>{t('inspect.noLand')}</p>
            )}
          </section>
          <FacilityGroups result={result} />
          <WalkingSpeed />
          <button
            type="button"
            className="copy-link"
            data-testid="inspection-export-csv"
            onClick={() =>
              downloadText(
                'huitian-inspection.csv',
                inspectionCsv(
                  result,
                  settings.walkingSpeed,
                  exportContext(data, [
                    'parks',
                    'greenways',
                    'schools',
                    'healthcare',
                    'metro-stations',
                  ]),
                ),
                'text/csv',
              )
            }
          >
            {t('export.inspectionCsv')}
          </button>
        </>
      )}
    </section>
  );
}

function FacilityGroups({ result }: { result: ReturnType<typeof inspectPoint> }) {
  const t = useText();
  const f = useFormats();
  const speed = useAppStore((s) => s.inspection.walkingSpeed);
  const select = useAppStore((s) => s.select);
  const flyTo = useAppStore((s) => s.flyTo);
  return (
    <section>
      <h3>
        {t('inspect.inside')}（{result.radiusM} {t('unit.m')}）
      </h3>
      <ul className="facility-groups">
        {FACILITY_GROUPS.map((group) => {
          const hits = result.within[group];
          const nearest = result.nearest[group];
          return (
            <li key={group} data-testid={`inspection-group-${group}`} data-count={hits.length}>
              <strong>
                {t(`group.${group}`)} · {hits.length}
              </strong>
              {hits.length === 0 && (
                <small>
                  {' '}
                  {t('inspect.none')}
                  {nearest
                    ? `${t('punct.comma')}${t('inspect.nearest')} ${facilityLabel(nearest.facility, t, f)} ${f.number(nearest.distanceM)} ${t('unit.m')}`
                    : `${t('punct.comma')}${t('inspect.noData')}`}
                </small>
              )}
              {hits.length > 0 && (
                <ol>
                  {hits.map((hit) => (
                    <li key={hit.facility.id}>
                      <button
                        type="button"
                        className="link"
                        data-testid="inspection-facility"
                        data-facility-id={hit.facility.id}
                        onClick={() => {
                          const [lon, lat] = turf.pointOnFeature(hit.facility.feature).geometry
                            .coordinates as [number, number];
                          select({
                            type: 'facility',
                            layer: hit.facility.layer,
                            id: hit.facility.id,
                          });
                          flyTo([lon, lat], 16);
                        }}
                      >
                        {facilityLabel(hit.facility, t, f)}
                      </button>
                      {featureFacts(hit.facility.feature.properties, t) && (
                        <small className="facility-facts" data-testid="inspection-facility-facts">
                          {' '}
                          {featureFacts(hit.facility.feature.properties, t)}
                        </small>
                      )}
                      <span className="distance">
                        {f.number(hit.distanceM)} {t('unit.m')} ·{' '}
                        {walkingMinutes(hit.distanceM, speed)} {t('unit.min')}
                      </span>
                    </li>
                  ))}
                </ol>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function RadiusControl() {
  const t = useText();
  const radiusM = useAppStore((s) => s.inspection.radiusM);
  const update = useAppStore((s) => s.updateInspection);
  return (
    <div className="radius-control">
      <label>
        <span>
          {t('inspect.radius')}: <strong data-testid="inspection-radius-value">{radiusM}</strong>{' '}
          {t('unit.m')}
        </span>
        <input
          type="range"
          min={INSPECTION_RADIUS_LIMITS.min}
          max={INSPECTION_RADIUS_LIMITS.max}
          step={50}
          value={radiusM}
          data-testid="inspection-radius"
          onChange={(event) => update({ radiusM: Number(event.target.value) })}
        />
      </label>
      <div className="presets">
        {INSPECTION_RADIUS_PRESETS.map((preset) => (
          <button
            key={preset}
            type="button"
            aria-pressed={preset === radiusM}
            data-testid={`inspection-preset-${preset}`}
            onClick={() => update({ radiusM: preset })}
          >
            {preset} {t('unit.m')}
          </button>
        ))}
      </div>
    </div>
  );
}

function CoordinateInput() {
  const t = useText();
  const inspectAt = useAppStore((s) => s.inspectAt);
  const flyTo = useAppStore((s) => s.flyTo);
  const [text, setText] = useState('');
  const [bad, setBad] = useState(false);
  return (
    <form
      className="coordinate-input"
      onSubmit={(event) => {
        event.preventDefault();
        const lonLat = parseLonLat(text);
        setBad(lonLat === null);
        if (lonLat) {
          inspectAt(lonLat);
          flyTo(lonLat, zoomForRadius(useAppStore.getState().inspection.radiusM));
        }
      }}
    >
      <label>
        {t('inspect.coords')}
        <input
          value={text}
          placeholder="116.3298,40.0695"
          data-testid="inspection-coords"
          aria-invalid={bad || undefined}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <button type="submit" data-testid="inspection-coords-apply">
        {t('inspect.apply')}
      </button>
      {bad && (
        <span className="parameter-problem" role="alert">
          {t('inspect.badCoords')}
        </span>
      )}
    </form>
  );
}

function CopyLinkButton() {
  const t = useText();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button
      type="button"
      className="copy-link"
      data-testid="copy-link"
      onClick={() => {
        navigator.clipboard
          ?.writeText(window.location.href)
          .then(() => setState('copied'))
          .catch(() => setState('failed'));
        if (!navigator.clipboard) setState('failed');
      }}
    >
      {state === 'copied'
        ? t('inspect.copied')
        : state === 'failed'
          ? t('inspect.copyFailed')
          : t('inspect.copyLink')}
    </button>
  );
}

function WalkingSpeed() {
  const t = useText();
  const speed = useAppStore((s) => s.inspection.walkingSpeed);
  const update = useAppStore((s) => s.updateInspection);
  return (
    <label className="walking-speed">
      {t('inspect.walkSpeed')}
      <input
        type="number"
        min={30}
        max={150}
        value={speed}
        data-testid="walking-speed"
        onChange={(event) => {
          const value = Number(event.target.value);
          if (value >= 30 && value <= 150) update({ walkingSpeed: value });
        }}
      />
      {t('unit.m')}/{t('unit.min')}
    </label>
  );
}
