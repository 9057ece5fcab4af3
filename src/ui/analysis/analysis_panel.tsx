import { useEffect, useState } from 'react';
import { ANALYSIS_TABS, type AnalysisResult, type AnalysisTab } from '../../analysis/analysis_run';
import { DEFAULT_ROW_SPACING_M } from '../../analysis/rows/row_coverage';
import type { LayerId } from '../../data/layers';
import { analysisGeoJson, analysisTableCsv } from '../../export/analysis_export';
import { downloadText, exportContext } from '../download';
import type { LayerData } from '../../data/load';
import { useAppStore } from '../../state/store';
import { useText } from '../use_text';
import { ParkingTab } from './parking_tab';
import { ParksTab } from './parks_tab';
import { ScenarioCompare } from '../scenario/scenario_compare';
import { SchoolsTab } from './schools_tab';
import { ScenarioBadge } from '../scenario/scenario_badge';

/** Progress shows only when the work takes longer than a moment. */
const PROGRESS_DELAY_MS = 300;

/** The analysis panel: three tabs, each with its parameters, table and map legend. */
export function AnalysisPanel({ data }: { data: LayerData }) {
  const t = useText();
  const analysis = useAppStore((s) => s.analysis);
  const run = useAppStore((s) => s.analysisRun);
  const openAnalysis = useAppStore((s) => s.openAnalysis);
  const closeAnalysis = useAppStore((s) => s.closeAnalysis);
  if (!analysis.open) return null;
  const result = run.result?.request.tab === analysis.tab ? run.result : null;
  const props = { result, completeness: data.completeness };
  return (
    <section
      className="analysis-panel"
      data-testid="analysis-panel"
      aria-label={t('analysis.title')}
      aria-busy={run.progress !== null}
    >
      <button type="button" className="close" aria-label={t('panel.close')} onClick={closeAnalysis}>
        ×
      </button>
      <h2>{t('analysis.title')}</h2>
      <ScenarioBadge />
      <div className="tabs" role="tablist">
        {ANALYSIS_TABS.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            aria-selected={tab === analysis.tab}
            data-testid={`analysis-tab-${tab}`}
            onClick={() => openAnalysis(tab)}
          >
            {t(`analysis.tab.${tab}`)}
          </button>
        ))}
      </div>
      <AnalysisProgress />
      {run.error && (
        <p className="status error" role="alert">
          {t('analysis.error')}
          {run.error}
        </p>
      )}
      <div className={run.progress ? 'tab-body stale' : 'tab-body'} role="tabpanel">
        {analysis.tab === 'parks' && <ParksTab {...props} />}
        {analysis.tab === 'schools' && <SchoolsTab {...props} />}
        {analysis.tab === 'parking' && <ParkingTab {...props} />}
        {result && <ScenarioCompare result={result} />}
      </div>
      {result?.network && (
        <p className="source-note" data-testid="network-note">
          {t('network.tableNote')
            .replace('{name}', result.network.source.name)
            .replace('{km}', (result.network.source.lengthM / 1000).toFixed(1))}
        </p>
      )}
      {result && <AnalysisExport data={data} result={result} />}
      <p className="source-note">
        {t('analysis.method').replace('{h}', String(DEFAULT_ROW_SPACING_M))}
      </p>
    </section>
  );
}

const TAB_LAYERS: Record<AnalysisTab, LayerId[]> = {
  parks: ['subdistricts', 'residential', 'parks'],
  schools: ['subdistricts', 'residential', 'schools'],
  parking: ['subdistricts', 'residential'],
};

function AnalysisExport({ data, result }: { data: LayerData; result: AnalysisResult }) {
  const t = useText();
  const tab = result.request.tab;
  const context = () => exportContext(data, TAB_LAYERS[tab]);
  return (
    <div className="plan-export">
      <button
        type="button"
        data-testid="analysis-export-csv"
        onClick={() =>
          downloadText(
            `huitian-${tab}-coverage.csv`,
            analysisTableCsv(result, data.completeness, context()),
            'text/csv',
          )
        }
      >
        {t('export.tableCsv')}
      </button>
      <button
        type="button"
        data-testid="analysis-export-geojson"
        onClick={() =>
          downloadText(
            `huitian-${tab}-map.geojson`,
            analysisGeoJson(result, context()),
            'application/geo+json',
          )
        }
      >
        {t('export.mapGeoJson')}
      </button>
    </div>
  );
}

function AnalysisProgress() {
  const t = useText();
  const progress = useAppStore((s) => s.analysisRun.progress);
  // The run (by its start time) whose progress has been running long enough to show.
  const [slowRun, setSlowRun] = useState<number | null>(null);
  const startedAt = progress?.startedAt ?? null;
  useEffect(() => {
    if (startedAt === null) return;
    const wait = PROGRESS_DELAY_MS - (performance.now() - startedAt);
    const timer = setTimeout(() => setSlowRun(startedAt), Math.max(0, wait));
    return () => clearTimeout(timer);
  }, [startedAt]);
  if (!progress || slowRun !== progress.startedAt) return null;
  return (
    <div className="analysis-progress" data-testid="analysis-progress" role="status">
      {t('analysis.running')}
      <progress value={progress.done} max={progress.total} />
    </div>
  );
}
