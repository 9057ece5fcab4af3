import { useEffect, useMemo, useState } from 'react';
import { type EdgeIndex, indexEdges } from '../../analysis/network/access';
import { graphFromFeatures } from '../../analysis/network/edges';
import { inspectAlongNetwork } from '../../analysis/network/inspect';
import type { Inspection } from '../../analysis/inspection';
import { INSPECTION_RADIUS_LIMITS, walkingMinutes } from '../../analysis/inspection';
import type { LocalProjection } from '../../analysis/local_projection';
import type { StoredNetwork } from '../../data/network_storage';
import { useAppStore } from '../../state/store';
import { useText } from '../use_text';
import { useFormats } from '../use_formats';
import { hasEnglishOnlyName } from '../../data/name_note';
import { markedName } from './place_name';

const indexes = new WeakMap<StoredNetwork, EdgeIndex>();

/** The network's graph in the inspection's projection, built once per network. */
function networkIndex(network: StoredNetwork, projection: LocalProjection): EdgeIndex {
  let index = indexes.get(network);
  if (!index) {
    index = indexEdges(graphFromFeatures(network.edges, projection));
    indexes.set(network, index);
  }
  return index;
}

/** The switch 「步行网络」: off, the inspection is the straight-line circle only. */
export function NetworkSwitch() {
  const t = useText();
  const network = useAppStore((s) => s.walkNetwork);
  const on = useAppStore((s) => s.inspectByNetwork);
  return (
    <label className="toggle">
      <input
        type="checkbox"
        data-testid="inspection-network-toggle"
        disabled={!network}
        checked={on && network !== null}
        onChange={(event) => useAppStore.getState().setInspectByNetwork(event.target.checked)}
      />
      {t('network.switch')}
      {!network && <small> {t('network.switchHint')}</small>}
    </label>
  );
}

/** The radius for a walk of `minutes` at `speed` m/min, or null outside the radius limits. */
export function radiusForMinutes(minutes: number, speed: number): number | null {
  const radiusM = Math.round(minutes * speed);
  return Number.isFinite(radiusM) &&
    radiusM >= INSPECTION_RADIUS_LIMITS.min &&
    radiusM <= INSPECTION_RADIUS_LIMITS.max
    ? radiusM
    : null;
}

/**
 * 「按时间」: the radius given as T minutes at the walking speed setting (R = T × speed). What
 * was typed stays while it is being edited; a radius set elsewhere shows as its minutes.
 */
function MinutesControl() {
  const t = useText();
  const f = useFormats();
  const radiusM = useAppStore((s) => s.inspection.radiusM);
  const speed = useAppStore((s) => s.inspection.walkingSpeed);
  const update = useAppStore((s) => s.updateInspection);
  const [typed, setTyped] = useState<string | null>(null);
  const shown = typed ?? String(Math.round((radiusM / speed) * 10) / 10);
  const valid = typed === null || radiusForMinutes(Number(typed), speed) !== null;
  return (
    <label className="walking-speed" data-testid="network-minutes-control">
      {t('network.minutes')}{' '}
      <input
        type="number"
        min={Math.ceil(INSPECTION_RADIUS_LIMITS.min / speed)}
        max={Math.floor(INSPECTION_RADIUS_LIMITS.max / speed)}
        step={1}
        value={shown}
        aria-invalid={!valid}
        data-testid="network-minutes"
        onChange={(event) => {
          const text = event.target.value;
          const radius = text.trim() === '' ? null : radiusForMinutes(Number(text), speed);
          setTyped(text);
          if (radius !== null) update({ radiusM: radius });
        }}
        onBlur={() => setTyped(null)}
      />{' '}
      {t('unit.min')}
      <small>
        {' '}
        {t('network.minutesRadius')
          .replace('{speed}', f.number(speed))
          .replace('{r}', f.number(radiusM))}
      </small>
    </label>
  );
}

/**
 * Along the network: the reachable area within the radius (drawn on the map), and every
 * listed facility's walking distance beside the straight line, with the detour ratio.
 */
export function NetworkInspectionSection({
  inspection,
  projection,
}: {
  inspection: Inspection;
  projection: LocalProjection;
}) {
  const t = useText();
  const f = useFormats();
  const network = useAppStore((s) => s.walkNetwork);
  const on = useAppStore((s) => s.inspectByNetwork);
  const speed = useAppStore((s) => s.inspection.walkingSpeed);
  const result = useMemo(
    () =>
      network && on
        ? inspectAlongNetwork(networkIndex(network, projection), projection, inspection)
        : null,
    [network, on, projection, inspection],
  );
  useEffect(() => {
    const features = result?.reachableArea
      ? [result.reachableArea, ...(result.reachedStreets ? [result.reachedStreets] : [])]
      : [];
    useAppStore.getState().setNetworkReach(features);
  }, [result]);
  useEffect(() => () => useAppStore.getState().setNetworkReach([]), []);
  if (!result || !network) return null;
  return (
    <section className="network-inspection" data-testid="inspection-network">
      <MinutesControl />
      <h3>
        {t('network.reach')
          .replace('{r}', String(result.radiusM))
          .replace('{min}', String(walkingMinutes(result.radiusM, speed)))}
      </h3>
      {result.legM === null ? (
        <p className="status" data-testid="network-not-joined">
          {t('network.notJoined')}
        </p>
      ) : (
        <p className="hint">{t('network.leg').replace('{m}', f.number(result.legM))}</p>
      )}
      <table>
        <thead>
          <tr>
            <th>{t('network.facility')}</th>
            <th>{t('network.straight')}</th>
            <th>{t('network.walk')}</th>
            <th>{t('network.detour')}</th>
          </tr>
        </thead>
        <tbody>
          {result.facilities.map((row) => (
            <tr
              key={`${row.group}-${row.facility.id}`}
              data-testid="network-facility"
              data-straight={Math.round(row.straightM)}
              data-network={row.networkM === null ? '' : Math.round(row.networkM)}
            >
              <td>
                {t(`group.${row.group}`)} ·{' '}
                {row.facility.name
                  ? markedName(
                      row.facility.name,
                      hasEnglishOnlyName(row.facility.feature.properties),
                      t,
                    )
                  : '—'}
              </td>
              <td>
                {f.number(row.straightM)} {t('unit.m')}
              </td>
              <td>
                {row.networkM === null
                  ? t('network.unreached')
                  : `${f.number(row.networkM)} ${t('unit.m')} · ${walkingMinutes(row.networkM, speed)} ${t('unit.min')}`}
              </td>
              <td>{row.detour === null ? '—' : f.number(row.detour, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('network.source').replace('{name}', network.fileName)}</p>
    </section>
  );
}
