import { useAppStore } from '../state/store';
import { useText } from './use_text';

export function Header() {
  const t = useText();
  const language = useAppStore((s) => s.language);
  const setLanguage = useAppStore((s) => s.setLanguage);
  return (
    <header className="header">
      <div>
        <h1 className="header-title">{t('app.title')}</h1>
        <p className="header-subtitle">{t('app.subtitle')}</p>
      </div>
      <button
        type="button"
        className="language-toggle"
        data-testid="language-toggle"
        lang={language === 'zh' ? 'en' : 'zh'}
        onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}
      >
        {t('app.language')}
      </button>
    </header>
  );
}
