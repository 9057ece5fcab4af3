import { SNAP_TOLERANCE_LIMITS } from '../../data/limits';
import { useText } from '../use_text';

/**
 * 「连接容差（米）」 for a walking network of plain lines: the text as typed (kept while it is
 * wrong, so nothing is lost), with the reason when it cannot be used.
 */
export function SnapToleranceField({
  text,
  valid,
  onChange,
}: {
  text: string;
  valid: boolean;
  onChange: (text: string) => void;
}) {
  const t = useText();
  const range = (s: string) =>
    s
      .replace('{min}', String(SNAP_TOLERANCE_LIMITS.min))
      .replace('{max}', String(SNAP_TOLERANCE_LIMITS.max));
  return (
    <>
      <label className="field">
        {t('network.snap')}
        <input
          type="number"
          inputMode="decimal"
          min={SNAP_TOLERANCE_LIMITS.min}
          max={SNAP_TOLERANCE_LIMITS.max}
          step="any"
          value={text}
          aria-invalid={!valid || undefined}
          data-testid="network-snap-tolerance"
          onChange={(event) => onChange(event.target.value)}
        />
      </label>
      {valid ? (
        <p className="hint">{t('network.snapHint')}</p>
      ) : (
        <p className="status error" role="alert" data-testid="network-snap-problem">
          {range(t('network.snapInvalid'))}
        </p>
      )}
    </>
  );
}
