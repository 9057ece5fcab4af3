import { useEffect, useRef, useState } from 'react';
import type { LayerData } from '../../data/load';
import { mapTitle } from '../../export/map_title';
import { pageLayout } from '../../export/page_layout';
import { printView, scaleDenominator } from '../../export/print_view';
import { useAppStore } from '../../state/store';
import { downloadBlob } from '../download';
import { useText } from '../use_text';
import {
  type ExportExtent,
  type ExportOptions,
  exportMapPage,
  extentBounds,
  extentPlace,
  previewPage,
} from './export_page';
import { type StringKey, formatNumber } from '../i18n';

type Translate = (key: StringKey) => string;

/** The title of a map of the extent, from the analysis, its parameters and the scenario. */
function defaultTitle(extent: ExportExtent, t: Translate): string {
  const state = useAppStore.getState();
  const result = state.analysisRun.result;
  const scenario = state.scenarios.find((s) => s.id === state.activeScenarioId) ?? null;
  return mapTitle(
    {
      place: extentPlace(extent, state, t),
      analysis: state.analysis.open ? (result?.request ?? state.analysis) : null,
      planOpen: state.plan.open,
      scenarioName: scenario?.name ?? null,
    },
    t,
  );
}

function mapSize() {
  const box = document.querySelector('[data-testid="map"]')?.getBoundingClientRect();
  return { width: box?.width || 1024, height: box?.height || 768 };
}

/** Dots per inch of the preview: enough to read the layout, quick to draw. */
const PREVIEW_DPI = 40;

const extentValue = (extent: ExportExtent) =>
  extent.type === 'subdistrict' ? `subdistrict:${extent.name}` : extent.type;
const parseExtent = (value: string): ExportExtent =>
  value.startsWith('subdistrict:')
    ? { type: 'subdistrict', name: value.slice('subdistrict:'.length) }
    : value === 'area'
      ? { type: 'area' }
      : { type: 'view' };

/** Print-quality map export: paper, resolution, format and what the page includes. */
export function ExportDialog({ data, onClose }: { data: LayerData; onClose: () => void }) {
  const t = useText();
  const [options, setOptions] = useState<ExportOptions>(() => ({
    title: defaultTitle({ type: 'view' }, t),
    extent: { type: 'view' },
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
  const [titleEdited, setTitleEdited] = useState(false);
  const [preview, setPreview] = useState<string | null>(null);
  const previewRun = useRef(0);
  const set = (change: Partial<ExportOptions>) => setOptions((o) => ({ ...o, ...change }));
  const setExtent = (extent: ExportExtent) =>
    set(titleEdited ? { extent } : { extent, title: defaultTitle(extent, t) });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  // A small picture of the page as it will print; redrawn when the options settle.
  useEffect(() => {
    const run = ++previewRun.current;
    const timer = window.setTimeout(() => {
      previewPage({ ...options, dpi: PREVIEW_DPI }, data, useAppStore.getState(), mapSize(), t)
        .then((canvas) => {
          if (run === previewRun.current) setPreview(canvas.toDataURL('image/png'));
        })
        .catch(() => {
          if (run === previewRun.current) setPreview(null);
        });
    }, 400);
    return () => window.clearTimeout(timer);
  }, [options, data, t]);

  const state = useAppStore.getState();
  const view = printView(
    extentBounds(options.extent, data, state, mapSize()),
    pageLayout(options, options.legend).map,
    options.dpi,
    mapSize(),
  );
  const scale = `1:${formatNumber(state.language, scaleDenominator(view.metresPerPixel, options.dpi))}`;
  const units = data.layers.subdistricts.features.map((f) => String(f.properties.name));

  const run = async () => {
    setError(null);
    setProgress({ done: 0, total: 1 });
    try {
      const file = await exportMapPage(
        options,
        data,
        useAppStore.getState(),
        mapSize(),
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
    <div
      className="dialog-backdrop"
      data-testid="export-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        className="dialog export-dialog"
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
            onChange={(e) => {
              setTitleEdited(true);
              set({ title: e.target.value });
            }}
          />
        </label>
        <div className="fields">
          <label className="field">
            {t('export.extent')}
            <select
              value={extentValue(options.extent)}
              data-testid="export-extent"
              onChange={(e) => setExtent(parseExtent(e.target.value))}
            >
              <option value="view">{t('export.extentView')}</option>
              <option value="area">{t('export.extentArea')}</option>
              {units.map((name) => (
                <option key={name} value={`subdistrict:${name}`}>
                  {name}
                </option>
              ))}
            </select>
          </label>
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
              onChange={(e) => set({ dpi: Number(e.target.value) })}
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
        <figure className="export-preview" data-testid="export-preview">
          {preview ? (
            <img src={preview} alt={t('export.preview')} />
          ) : (
            <span>{t('export.previewPending')}</span>
          )}
          <figcaption data-testid="export-scale-ratio">
            {t('export.scaleNote').replace('{scale}', scale)}
          </figcaption>
        </figure>
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
