import {
  DEFAULT_COVERAGE_PARAMETERS,
  PARAMETER_LIMITS,
  PARAMETER_NAMES,
} from '../analysis/coverage_parameters';
import { useAppStore } from '../state/store';
import { useText } from './use_text';

/** A short notice that part of the opened link was not usable, naming what and what was used. */
export function LinkNotice() {
  const t = useText();
  const notice = useAppStore((s) => s.linkNotice);
  const setLinkNotice = useAppStore((s) => s.setLinkNotice);
  if (!notice) return null;
  const parameters = notice.parameters.map(({ name, value }) => {
    const key = PARAMETER_NAMES[name]!;
    const { min, max } = PARAMETER_LIMITS[key];
    return t('link.ignored.parameter')
      .replace('{name}', name)
      .replace('{value}', value)
      .replace('{min}', String(min))
      .replace('{max}', String(max))
      .replace('{default}', String(DEFAULT_COVERAGE_PARAMETERS[key]));
  });
  return (
    <p className="link-notice" role="status" data-testid="link-notice">
      <span className="link-notice-text">
        {notice.key && <span>{t(notice.key)}</span>}
        {parameters.length > 0 && (
          <span data-testid="link-notice-parameters">
            {t('link.ignored.parameters')} {parameters.join(t('list.separator'))}
          </span>
        )}
      </span>
      <button type="button" aria-label={t('panel.close')} onClick={() => setLinkNotice(null)}>
        ×
      </button>
    </p>
  );
}
