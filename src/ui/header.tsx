import { useAppStore } from '../state/store';
import { revealPanel } from './reveal_panel';
import { useText } from './use_text';

export function Header({ onExport }: { onExport: () => void }) {
  const t = useText();
  const language = useAppStore((s) => s.language);
  const setLanguage = useAppStore((s) => s.setLanguage);
  const analysis = useAppStore((s) => s.analysis);
  const openAnalysis = useAppStore((s) => s.openAnalysis);
  const closeAnalysis = useAppStore((s) => s.closeAnalysis);
  const inspecting = useAppStore((s) => s.inspection.open);
  const updateInspection = useAppStore((s) => s.updateInspection);
  const plan = useAppStore((s) => s.plan);
  const setPlan = useAppStore((s) => s.setPlan);
  const dataPanelOpen = useAppStore((s) => s.dataPanelOpen);
  const scenarioOpen = useAppStore((s) => s.scenarioEditor.open);
  return (
    <header className="header">
      <div>
        <h1 className="header-title">{t('app.title')}</h1>
        <p className="header-subtitle">{t('app.subtitle')}</p>
      </div>
      <div className="header-actions">
        <button
          type="button"
          className="header-button"
          data-testid="export-toggle"
          onClick={onExport}
        >
          {t('export.open')}
        </button>
        <button
          type="button"
          className="header-button"
          data-testid="plan-toggle"
          aria-pressed={plan.open}
          onClick={() => {
            setPlan({ open: !plan.open, task: null });
            if (!plan.open) revealPanel('plan-panel');
          }}
        >
          {t('plan.open')}
        </button>
        <button
          type="button"
          className="header-button"
          data-testid="inspect-toggle"
          aria-pressed={inspecting}
          onClick={() => {
            updateInspection(inspecting ? { open: false, lonLat: null } : { open: true });
            if (!inspecting) revealPanel('inspection-panel');
          }}
        >
          {t('inspect.open')}
        </button>
        <button
          type="button"
          className="header-button"
          data-testid="analysis-toggle"
          aria-pressed={analysis.open}
          onClick={() => {
            if (analysis.open) return closeAnalysis();
            openAnalysis(analysis.tab);
            revealPanel('analysis-panel');
          }}
        >
          {t('analysis.open')}
        </button>
        <button
          type="button"
          className="header-button"
          data-testid="scenario-toggle"
          aria-pressed={scenarioOpen}
          onClick={() => {
            const state = useAppStore.getState();
            state.updateScenarioEditor({ open: !scenarioOpen, tool: null, draft: [] });
            // The tables show each scenario's change, so the analysis opens with it.
            if (!scenarioOpen && !analysis.open) openAnalysis(analysis.tab);
            if (!scenarioOpen) revealPanel('scenario-panel');
          }}
        >
          {t('scenario.open')}
        </button>
        <button
          type="button"
          className="header-button"
          data-testid="data-toggle"
          aria-pressed={dataPanelOpen}
          onClick={() => {
            useAppStore.getState().setDataPanelOpen(!dataPanelOpen);
            if (!dataPanelOpen) revealPanel('data-panel');
          }}
        >
          {t('data.open')}
        </button>
        <button
          type="button"
          className="language-toggle header-button"
          data-testid="language-toggle"
          lang={language === 'zh' ? 'en' : 'zh'}
          onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}
        >
          {t('app.language')}
        </button>
      </div>
    </header>
  );
}
