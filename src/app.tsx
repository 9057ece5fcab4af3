import { useEffect, useState } from 'react';
import { buildFeaturesFromNowOn } from './data/lazy_features';
import { onSavedWorkChange } from './data/saved_work';
import type { LayerData } from './data/load';
import { startReads } from './start_reads';
import { MapView } from './map/map_view';
import { useAppStore } from './state/store';
import { onStoredStatusChange } from './state/status_storage';
import { useAnalysisRunner } from './state/use_analysis_runner';
import { makeLinkScenarioChoice, useHashSync } from './state/use_hash_sync';
import { InspectionPanel } from './ui/inspection/inspection_panel';
import { SearchBox } from './ui/inspection/search_box';
import { DataPanel } from './ui/data/data_panel';
import { ScenarioPanel } from './ui/scenario/scenario_panel';
import {
  AnalysisPanel,
  ExportDialog,
  ImportDialog,
  PlanPanel,
  prefetchPanels,
} from './ui/lazy_panels';
import { LinkNotice } from './ui/link_notice';
import { BottomSheet } from './ui/bottom_sheet';
import { SkippedNotice } from './ui/skipped_notice';
import { Header } from './ui/header';
import { InfoPanel } from './ui/info_panel';
import { LayerPanel } from './ui/layer_panel';
import { useText } from './ui/use_text';

export function App() {
  const t = useText();
  const data = useAppStore((s) => s.data);
  const setData = useAppStore((s) => s.setData);
  const setShipped = useAppStore((s) => s.setShipped);
  const language = useAppStore((s) => s.language);
  const [exporting, setExporting] = useState(false);
  const importFile = useAppStore((s) => s.importFile);
  const [dropping, setDropping] = useState(false);
  const analysisOpen = useAppStore((s) => s.analysis.open);
  const planOpen = useAppStore((s) => s.plan.open);
  const [mapIdle, setMapIdle] = useState(false);
  useHashSync();

  useEffect(() => {
    // The planner's saved imports and scenarios are restored before the first analysis, and
    // the link's scenario choice is made in them before anything is drawn. Restored once: an
    // effect run again (React's StrictMode does so in development) would restore the saved
    // work over the link's choice, made by the first run.
    let live = true;
    const { shipped, work, network } = startReads();
    Promise.all([shipped, work, network])
      .then(([loaded, savedWork, savedNetwork]) => {
        if (!live) return;
        useAppStore.getState().restoreWork(savedWork);
        makeLinkScenarioChoice();
        useAppStore.getState().restoreWalkNetwork(savedNetwork);
        setShipped(loaded);
      })
      .catch((error: unknown) => {
        if (!live) return;
        setData({
          status: 'error',
          message: error instanceof Error ? error.message : String(error),
        });
        makeLinkScenarioChoice();
      });
    return () => {
      live = false;
    };
  }, [setData, setShipped]);

  // Another tab saved or removed a record: read it again, so no tab works on stale copies.
  useEffect(() => onSavedWorkChange((key) => void useAppStore.getState().reloadRecord(key)), []);
  useEffect(
    () => onStoredStatusChange((key) => useAppStore.getState().reloadProjectStatus(key)),
    [],
  );

  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
    document.title = `${t('app.title')} · ${t('app.subtitle')}`;
  }, [language, t]);

  return (
    <div className="app">
      <AnalysisRunner data={data.status === 'ready' ? data.data : null} mapIdle={mapIdle} />
      <Header onExport={() => setExporting(true)} />
      <main
        className={dropping ? 'workspace dropping' : 'workspace'}
        data-testid="workspace"
        onDragOver={(event) => {
          if (data.status !== 'ready' || !event.dataTransfer.types.includes('Files')) return;
          event.preventDefault();
          setDropping(true);
        }}
        onDragLeave={(event) => {
          if (event.currentTarget === event.target) setDropping(false);
        }}
        onDrop={(event) => {
          event.preventDefault();
          setDropping(false);
          const file = event.dataTransfer.files[0];
          if (file && data.status === 'ready') useAppStore.getState().setImportFile(file);
        }}
      >
        {dropping && (
          <p className="drop-hint" aria-live="polite">
            {t('data.dropHere')}
          </p>
        )}
        {data.status === 'loading' && <p className="status">{t('app.loading')}</p>}
        {data.status === 'error' && (
          <p className="status error" role="alert">
            {t('app.loadError')}
            {data.message}
          </p>
        )}
        {data.status === 'ready' && (
          <>
            <MapView
              data={data.data}
              onFirstIdle={() => {
                prefetchPanels();
                // Restored imports' features, left unbuilt while the map started.
                buildFeaturesFromNowOn();
                setMapIdle(true);
              }}
            />
            <BottomSheet data={data.data}>
              <SearchBox data={data.data} />
              <LinkNotice />
              <SkippedNotice />
              <DataPanel data={data.data} />
              <ScenarioPanel />
              {planOpen && <PlanPanel data={data.data} />}
              <InspectionPanel data={data.data} />
              {analysisOpen && <AnalysisPanel data={data.data} />}
              <InfoPanel data={data.data} />
              <LayerPanel completeness={data.data.completeness} layers={data.data.layers} />
            </BottomSheet>
          </>
        )}
      </main>
      {importFile && data.status === 'ready' && (
        <ImportDialog
          key={`${importFile.name}-${importFile.lastModified}`}
          file={importFile}
          data={data.data}
        />
      )}
      {exporting && data.status === 'ready' && (
        <ExportDialog data={data.data} onClose={() => setExporting(false)} />
      )}
    </div>
  );
}

/**
 * Runs the analysis for the current settings. A component of its own, so that a parameter
 * change (every step of a dragged slider) re-renders only it, not the whole app.
 */
function AnalysisRunner({ data, mapIdle }: { data: LayerData | null; mapIdle: boolean }) {
  useAnalysisRunner(data, mapIdle);
  return null;
}
