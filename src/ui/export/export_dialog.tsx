import { useState } from 'react';
import { WHOLE_AREA_NAME } from '../../analysis/coverage_report';
import type { LayerData } from '../../data/load';
import { useAppStore } from '../../state/store';
import { downloadBlob } from '../download';
import { useText } from '../use_text';
import { type ExportOptions, exportMapPage } from './export_page';

/** The title a map of what is on screen would have. */
function defaultTitle(t: (key: string) => string): string {
  const state = useAppStore.getState();
  const place = state.selection.type === 'subdistrict' ? state.selection.name : WHOLE_AREA_NAME;
  if (state.analysis.open) return `${place} · ${t(`export.titleTab.${state.analysis.tab}`)}`;
  if (state.plan.open) return `${place} · ${t('plan.title')}`;
  return `${place} · ${t('app.title')}`;
}

/** Print-quality map export: paper, resolution, format and what the page includes. */
export function ExportDialog({ data, onClose }: { data: LayerData; onClose: () => void }) {
  const t = useText();
  const [options, setOptions] = useState<ExportOptions>(() => ({
    title: defaultTitle(t),
    paper: 'A4',
    orientation: 'landscape',
    dpi: 300,
    format: 'png',
    legend: true,
    scale: true,
    northArrow: true,
    attribution: true,
    date: true,
    completenessNote: true,
  }));
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const set = (change: Partial<ExportOptions>) => setOptions((o) => ({ ...o, ...change }));
  const run = async () => {
    setError(null);
    setProgress({ done: 0, total: 1 });
    try {
      const mapElement = document.querySelector('[data-testid="map"]')!.getBoundingClientRect();
      const file = await exportMapPage(
        options,
        data,
        useAppStore.getState(),
        { width: mapElement.width, height: mapElement.height },
        t,
        (done, total) => setProgress({ done, total }),
      );
      downloadBlob(file.fileName, file.blob);
    } catch (problem) {
      setError(problem instanceof Error ? problem.message : String(problem));
    } finally {
      setProgress(null);
    }
  };
  const checkbox = (key: keyof ExportOptions & string, label: string) => (
    <label className="toggle">
      <input
        type="checkbox"
        checked={Boolean(options[key])}
        data-testid={`export-${key}`}
        onChange={(event) => set({ [key]: event.target.checked })}
      />
      {label}
    </label>
  );
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label={t('export.title')}
        data-testid="export-dialog"
      >
        <h2>{t('export.title')}</h2>
        <label className="field">
          {t('export.mapTitle')}
          <input
            value={options.title}
            data-testid="export-title"
            onChange={(e) => set({ title: e.target.value })}
          />
        </label>
        <div className="fields">
          <label className="field">
            {t('export.paper')}
            <select
              value={options.paper}
              data-testid="export-paper"
              onChange={(e) => set({ paper: e.target.value as ExportOptions['paper'] })}
            >
              <option value="A4">A4</option>
              <option value="A3">A3</option>
            </select>
          </label>
          <label className="field">
            {t('export.orientation')}
            <select
              value={options.orientation}
              data-testid="export-orientation"
              onChange={(e) => set({ orientation: e.target.value as ExportOptions['orientation'] })}
            >
              <option value="landscape">{t('export.landscape')}</option>
              <option value="portrait">{t('export.portrait')}</option>
            </select>
          </label>
          <label className="field">
            {t('export.dpi')}
            <select
              value={options.dpi}
              data-testid="export-dpi"
              onChange={(e) => set({ dpi: Number(e.target.value) as 150 | 300 })}
            >
              <option value={150}>150 dpi</option>
              <option value={300}>300 dpi</option>
            </select>
          </label>
          <label className="field">
            {t('export.format')}
            <select
              value={options.format}
              data-testid="export-format"
              onChange={(e) => set({ format: e.target.value as 'png' | 'pdf' })}
            >
              <option value="png">PNG</option>
              <option value="pdf">PDF</option>
            </select>
          </label>
        </div>
        <fieldset className="fields">
          {checkbox('legend', t('export.legend'))}
          {checkbox('scale', t('export.scale'))}
          {checkbox('northArrow', t('export.north'))}
          {checkbox('attribution', t('export.attribution'))}
          {checkbox('date', t('export.dateOption'))}
          {checkbox('completenessNote', t('export.note'))}
        </fieldset>
        {progress && (
          <p className="analysis-progress" role="status" data-testid="export-progress">
            {t('export.rendering')} {progress.done}/{progress.total}
            <progress value={progress.done} max={progress.total} />
          </p>
        )}
        {error && (
          <p className="status error" role="alert">
            {t('export.failed')}
            {error}
          </p>
        )}
        <div className="plan-export">
          <button
            type="button"
            data-testid="export-start"
            disabled={progress !== null}
            onClick={() => void run()}
          >
            {t('export.start')}
          </button>
          <button type="button" onClick={onClose}>
            {t('panel.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
