import type { Indicator } from '../../analysis/analysis_run';
import type { NetworkOutcome, NetworkTableFigure } from '../../analysis/network_run';
import { useText } from '../use_text';
import { useTableFormats } from './format';
import { ScenarioShare } from './scenario_share';

/** The column head of an indicator's figure along the network, naming the network. */
export function NetworkHead({
  indicator,
  single,
  source,
}: {
  indicator: Indicator;
  single: boolean;
  source: NetworkOutcome['source'];
}) {
  const t = useText();
  return (
    <th scope="col" className="number network-column" data-testid="network-column">
      {single ? t('network.column') : `${t(`legend.${indicator}`)} · ${t('network.column')}`}
      <br />
      <small>{t('network.columnSource').replace('{name}', source.name)}</small>
    </th>
  );
}

/**
 * One figure along the network: the share (a lower bound marked "≥", with the land off the
 * network beside it), "无数据" where the facility data is missing, "网络未及" where the
 * network does not reach the unit; with a scenario, "→ after (change)".
 */
export function NetworkCell({
  indicator,
  figure,
  after,
}: {
  indicator: Indicator;
  figure: NetworkTableFigure | undefined;
  after?: NetworkTableFigure | undefined;
}) {
  const t = useText();
  const format = useTableFormats();
  const state = !figure
    ? 'none'
    : figure.noData
      ? 'no-data'
      : figure.notReached
        ? 'not-reached'
        : 'measured';
  const share = figure?.share ?? null;
  const offNetwork =
    figure && share !== null && figure.residentialAreaM2 > 0
      ? 1 - figure.reachedM2 / figure.residentialAreaM2
      : 0;
  return (
    <td
      className="number share network-share"
      data-testid="network-share"
      data-indicator={indicator}
      data-state={state}
      data-share={share ?? ''}
      title={
        state === 'not-reached'
          ? t('network.notReachedFlag')
          : figure?.lowerBound
            ? t('network.lowerBoundFlag')
            : undefined
      }
    >
      {state === 'measured' && share !== null ? (
        `${figure!.lowerBound ? '≥ ' : ''}${format.share(share)}`
      ) : (
        <span className="not-measured">
          {state === 'not-reached' ? t('network.notReachedCell') : t('analysis.noData')}
        </span>
      )}
      <ScenarioShare before={share} after={after} testId="scenario-network-share" />
      {offNetwork >= 0.0005 && (
        <small className="unknown-share" data-testid="network-off-share">
          {t('network.unreachedShare').replace('{p}', format.share(offNetwork) ?? '')}
        </small>
      )}
    </td>
  );
}
