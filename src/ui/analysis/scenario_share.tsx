import { useText } from '../use_text';
import { useTableFormats } from './format';

/**
 * "→ after (change)" beside a share, for the straight-line and the network columns alike; the
 * change in percentage points.
 */
export function ScenarioShare({
  before,
  after: afterFigure,
  testId,
}: {
  before: number | null;
  after: { share: number | null; lowerBound: boolean } | null | undefined;
  testId: 'scenario-share' | 'scenario-network-share';
}) {
  const t = useText();
  const format = useTableFormats();
  const after = afterFigure?.share ?? null;
  if (after === null) return null;
  const change = before === null ? null : after - before;
  const direction =
    change === null || Math.abs(change) < 5e-5 ? 'same' : change > 0 ? 'up' : 'down';
  return (
    <span
      className="scenario-share"
      data-testid={testId}
      data-before={before ?? ''}
      data-after={after}
      data-change={change ?? ''}
    >
      {' → '}
      <strong>
        {afterFigure?.lowerBound ? '≥ ' : ''}
        {format.share(after)}
      </strong>
      {change !== null && (
        <span className={`scenario-change ${direction}`} title={t('scenario.changeTitle')}>
          {' '}
          {format.shareChange(change)}
        </span>
      )}
    </span>
  );
}
