import { useAppStore } from '../state/store';
import { useText } from './use_text';

/** A short notice that part of the opened link was not usable. */
export function LinkNotice() {
  const t = useText();
  const notice = useAppStore((s) => s.linkNotice);
  const setLinkNotice = useAppStore((s) => s.setLinkNotice);
  if (!notice) return null;
  return (
    <p className="link-notice" role="status" data-testid="link-notice">
      {t(notice)}
      <button type="button" aria-label={t('panel.close')} onClick={() => setLinkNotice(null)}>
        ×
      </button>
    </p>
  );
}
