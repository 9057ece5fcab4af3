import { useEffect, useMemo, useState } from 'react';
import {
  type ImportLayer,
  type ImportMode,
  type ImportedDataset,
  IMPORT_LAYERS,
} from '../../data/imported_data';
import type { LayerData } from '../../data/load';
import {
  type BuildOptions,
  type ImportCrs,
  type ImportTarget,
  IMPORT_CRS,
  type ReadSummary,
  type SchoolLevelOption,
} from '../../import/types';
import { problemMessage } from '../../import/messages';
import { ImportCancelledError, createImportClient } from '../../import/import_client';
import type { CompactPreview } from '../../import/compact_preview';
import { decodeFeaturesInSlices } from '../../data/compact_features';
import { setWrittenText } from '../../data/layer_text';
import { MAP_FEATURE_PROPERTIES } from '../../layers/catalog';
import type { AppFeature } from '../../data/schema';
import { useAppStore } from '../../state/store';
import { newId } from '../../state/work_slice';
import { NumberField } from '../number_field';
import { SelectField } from '../select_field';
import { useText } from '../use_text';
import { CsvColumns } from './csv_columns';
import { ImportSummary } from './import_summary';
import { NetworkSummary } from './network_summary';
import {
  DEFAULT_SNAP_TOLERANCE_M,
  SNAP_TOLERANCE_LIMITS,
  readSnapTolerance,
} from '../../data/limits';
import type { NetworkPreview } from '../../import/build_network';
import { keyOr } from '../i18n';

const OSM_FORMATS = ['osm-xml', 'overpass-json'];

type ReadState =
  | { type: 'reading' }
  | { type: 'failed'; message: string }
  | { type: 'read'; summary: Extract<ReadSummary, { ok: true }> };

type Phase =
  | { type: 'reading' }
  | { type: 'read-failed'; message: string }
  | { type: 'choosing' }
  | { type: 'building' }
  | { type: 'built'; preview: CompactPreview }
  | { type: 'network-built' };

/**
 * One file's import: read in a worker, the user says what it holds and in which coordinate
 * system, the preview lists what would be imported and every problem by feature or row, and
 * nothing changes until the import is confirmed. Cancel stops the worker at any point.
 */
export function ImportDialog({ file, data }: { file: File; data: LayerData }) {
  const t = useText();
  const language = useAppStore((s) => s.language);
  const shipped = useAppStore((s) => s.shipped) ?? data;
  const close = () => useAppStore.getState().setImportFile(null);
  const client = useMemo(
    () =>
      createImportClient({
        subdistricts: shipped.layers.subdistricts,
        reference: {
          parks: shipped.layers.parks,
          schools: shipped.layers.schools,
          healthcare: shipped.layers.healthcare,
          residential: shipped.layers.residential,
          'metro-stations': shipped.layers['metro-stations'],
        },
      }),
    [shipped],
  );
  useEffect(() => () => client.dispose(), [client]);
  // Escape cancels, as the Cancel button does.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      client.cancel();
      useAppStore.getState().setImportFile(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [client]);

  const [datasetId] = useState(newId);
  const [read, setRead] = useState<ReadState>({ type: 'reading' });
  const [built, setBuilt] = useState<{ options: BuildOptions; preview: CompactPreview } | null>(
    null,
  );
  const [buildFailure, setBuildFailure] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  // 'network': the file is a walking network, built apart from the layers.
  const [target, setTarget] = useState<ImportTarget | 'network' | ''>('');
  const [crs, setCrs] = useState<ImportCrs>('WGS-84');
  const [schoolLevel, setSchoolLevel] = useState<SchoolLevelOption>('primary');
  const [lonColumn, setLonColumn] = useState('');
  const [latColumn, setLatColumn] = useState('');
  const [swapAxes, setSwapAxes] = useState(false);
  const [mode, setMode] = useState<ImportMode>('add');
  // Consent to skip the rejected features holds for the preview it was given on.
  const [keepValidFor, setKeepValidFor] = useState<CompactPreview | null>(null);

  useEffect(() => {
    let live = true;
    client
      .read(file, (done, total) => live && setProgress({ done, total }))
      .then((result) => {
        if (!live) return;
        setProgress(null);
        if (!result.ok) {
          setRead({ type: 'failed', message: problemMessage(result.error, language) });
          return;
        }
        setRead({ type: 'read', summary: result });
        if (OSM_FORMATS.includes(result.format)) setTarget('osm-detect');
        setLonColumn(result.table?.detected.lon ?? '');
        setLatColumn(result.table?.detected.lat ?? '');
      })
      .catch((error: unknown) => {
        if (live && !(error instanceof ImportCancelledError)) {
          setRead({ type: 'failed', message: String(error) });
        }
      });
    return () => {
      live = false;
    };
    // The file is read once; the language of its message is fixed at that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, file]);

  const summary = read.type === 'read' ? read.summary : null;
  const options = useMemo<BuildOptions | null>(
    () =>
      summary && target !== '' && target !== 'network'
        ? {
            target,
            crs,
            schoolLevel,
            swapAxes,
            datasetId,
            ...(summary.table ? { csvColumns: { lon: lonColumn, lat: latColumn } } : {}),
          }
        : null,
    [target, crs, schoolLevel, swapAxes, datasetId, summary, lonColumn, latColumn],
  );

  useEffect(() => {
    if (!options) return;
    let live = true;
    client
      .build(options, (done, total) => live && setProgress({ done, total }))
      .then((preview) => {
        if (!live) return;
        setProgress(null);
        setBuilt({ options, preview });
      })
      .catch((error: unknown) => {
        if (live && !(error instanceof ImportCancelledError)) setBuildFailure(String(error));
      });
    return () => {
      live = false;
    };
  }, [client, options]);

  // Plain lines are joined within a snap tolerance; OSM ways share their nodes and need none.
  const [snapText, setSnapText] = useState(String(DEFAULT_SNAP_TOLERANCE_M));
  const snapsLines = summary !== null && !OSM_FORMATS.includes(summary.format);
  const snapToleranceM = snapsLines ? readSnapTolerance(snapText) : DEFAULT_SNAP_TOLERANCE_M;
  const [network, setNetwork] = useState<{
    crs: ImportCrs;
    snapToleranceM: number;
    preview: NetworkPreview;
  } | null>(null);
  useEffect(() => {
    if (!summary || target !== 'network' || snapToleranceM === null) return;
    let live = true;
    client
      .buildNetwork(crs, snapToleranceM, (done, total) => live && setProgress({ done, total }))
      .then((preview) => {
        if (!live) return;
        setProgress(null);
        setNetwork({ crs, snapToleranceM, preview });
      })
      .catch((error: unknown) => {
        if (live && !(error instanceof ImportCancelledError)) setBuildFailure(String(error));
      });
    return () => {
      live = false;
    };
  }, [client, summary, target, crs, snapToleranceM]);
  const networkPreview =
    target === 'network' &&
    network &&
    network.crs === crs &&
    network.snapToleranceM === snapToleranceM
      ? network.preview
      : null;

  const current = built && built.options === options ? built.preview : null;
  const phase: Phase =
    read.type === 'reading'
      ? { type: 'reading' }
      : read.type === 'failed' || buildFailure
        ? { type: 'read-failed', message: read.type === 'failed' ? read.message : buildFailure! }
        : target === 'network'
          ? snapToleranceM === null
            ? { type: 'choosing' }
            : networkPreview
              ? { type: 'network-built' }
              : { type: 'building' }
          : !options
            ? { type: 'choosing' }
            : current
              ? { type: 'built', preview: current }
              : { type: 'building' };
  const keepValid = current !== null && keepValidFor === current;
  const setKeepValid = (keep: boolean) => setKeepValidFor(keep ? current : null);

  const preview = phase.type === 'built' && phase.preview.ok ? phase.preview : null;
  const accepted = preview
    ? IMPORT_LAYERS.flatMap((layer) => {
        const compact = preview.layers[layer];
        const summary = preview.summaries[layer];
        return compact && compact.count > 0
          ? [{ layer, compact, summary, count: compact.count }]
          : [];
      })
    : [];
  const acceptedCount = accepted.reduce((n, a) => n + a.count, 0);
  const rejectedCount = preview?.rejected.length ?? 0;
  // The features are built on the page a slice at a time; the dialog waits for them.
  const [confirming, setConfirming] = useState(false);
  const canConfirm = acceptedCount > 0 && (rejectedCount === 0 || keepValid) && !confirming;

  const confirmNetwork = () => {
    if (!networkPreview?.ok) return;
    useAppStore.getState().setWalkNetwork({
      id: datasetId,
      fileName: file.name,
      importedAt: new Date().toISOString(),
      crs,
      edges: networkPreview.edges,
      report: networkPreview.report,
      lengthM: networkPreview.lengthM,
      ...(networkPreview.snapToleranceM !== undefined
        ? { snapToleranceM: networkPreview.snapToleranceM }
        : {}),
    });
    close();
  };

  const confirm = async () => {
    if (target === 'network') return confirmNetwork();
    if (!canConfirm || !options) return;
    setConfirming(true);
    const importedAt = new Date().toISOString();
    const datasets: ImportedDataset[] = [];
    for (const { layer, compact, summary } of accepted) {
      const features = (await decodeFeaturesInSlices(compact)) as AppFeature[];
      datasets.push({
        id: datasetId,
        fileName: file.name,
        layer,
        mode,
        crs: options.crs,
        importedAt,
        features,
        compact,
        ...(summary ? { summary } : {}),
      });
    }
    // The worker that built the preview writes, from its copy of the chunks, the import's
    // record (copied into storage here, they would hold the page for a task of 150 ms at
    // 200,000 features), then the map's text, and lets the chunks go. Both are asked once the
    // page has built the features (asked before, they compete for the cores with the work the
    // dialog waits for), and before the dialog closes, whose end waits for them. The record
    // first: the map's text only waits for it to be written, the import is kept soonest. When
    // that worker is gone, the restore's worker writes it from a copy of the page's chunks.
    let askForText = () => {};
    const texts = new Promise<Partial<Record<ImportLayer, Blob>> | null>((resolve) => {
      askForText = () =>
        resolve(preview ? client.mapText(preview, MAP_FEATURE_PROPERTIES).catch(() => null) : null);
    });
    // Before the import is shown, so that the map waits for this text instead of writing one.
    for (const { layer, compact } of accepted) {
      setWrittenText(
        compact,
        MAP_FEATURE_PROPERTIES,
        texts.then((t) => t?.[layer] ?? null),
      );
    }
    const state = useAppStore.getState();
    state.addImports(datasets, (head, layers) =>
      preview
        ? client.storeImport(
            preview,
            head,
            layers.map((l) => l.layer),
          )
        : Promise.resolve(null),
    );
    askForText();
    const shown = new Set([...state.visibleLayers, ...datasets.map((d) => d.layer)]);
    state.setVisibleLayers([...shown]);
    close();
  };

  const cancel = () => {
    client.cancel();
    close();
  };

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog import-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={t('import.title')}
        data-testid="import-dialog"
        data-phase={phase.type}
      >
        <h2>{t('import.title')}</h2>
        <p className="import-file">
          <span className="import-file-name">{file.name}</span>
          {summary && (
            <small>
              {' '}
              · {t(`import.format.${summary.format}`)}
              {summary.encoding ? ` · ${summary.encoding.toUpperCase()}` : ''} ·{' '}
              {t('import.featureCount').replace('{n}', String(summary.count))}
            </small>
          )}
        </p>
        {phase.type === 'read-failed' && (
          <p className="status error" role="alert" data-testid="import-error">
            {phase.message}
          </p>
        )}
        {summary && phase.type !== 'read-failed' && (
          <>
            <div className="fields">
              <SelectField<ImportTarget | 'network' | ''>
                label={t('import.target')}
                testId="import-target"
                value={target}
                onChange={setTarget}
                options={[
                  { value: '', label: t('import.chooseTarget'), disabled: true },
                  ...IMPORT_LAYERS.map((layer) => ({ value: layer, label: t(`layer.${layer}`) })),
                  { value: 'osm-detect', label: t('import.osmDetect') },
                  { value: 'network', label: t('network.layer') },
                ]}
              />
              <SelectField
                label={t('import.crs')}
                testId="import-crs"
                value={crs}
                onChange={setCrs}
                options={IMPORT_CRS.map((c) => ({ value: c, label: t(`import.crs.${c}`) }))}
              />
              {target === 'schools' && (
                <SelectField<SchoolLevelOption>
                  label={t('import.schoolLevel')}
                  testId="import-school-level"
                  value={schoolLevel}
                  onChange={setSchoolLevel}
                  options={[
                    ...(['kindergarten', 'primary', 'middle'] as const).map((level) => ({
                      value: level,
                      label: t(`legend.${level}`),
                    })),
                    { value: 'column', label: t('import.levelFromColumn') },
                  ]}
                />
              )}
              {target !== 'network' && (
                <SelectField<ImportMode>
                  label={t('import.mode')}
                  testId="import-mode"
                  value={mode}
                  onChange={setMode}
                  options={[
                    { value: 'add', label: t('import.mode.add') },
                    { value: 'replace', label: t('import.mode.replace') },
                  ]}
                />
              )}
            </div>
            {target === 'network' && snapsLines && (
              <NumberField
                layout="field"
                label={t('network.snap')}
                text={snapText}
                limits={SNAP_TOLERANCE_LIMITS}
                rangeMessage={t('network.snapInvalid')}
                hint={t('network.snapHint')}
                testId="network-snap-tolerance"
                problemTestId="network-snap-problem"
                onChange={setSnapText}
              />
            )}
            {summary.table && (
              <CsvColumns
                table={summary.table}
                lon={lonColumn}
                lat={latColumn}
                onLon={setLonColumn}
                onLat={setLatColumn}
              />
            )}
            <label className="toggle">
              <input
                type="checkbox"
                data-testid="import-swap-axes"
                checked={swapAxes}
                onChange={(event) => setSwapAxes(event.target.checked)}
              />
              {t('import.swapAxes')}
            </label>
          </>
        )}
        {progress && (
          <div className="analysis-progress" role="status" data-testid="import-progress">
            {phase.type === 'reading' ? t('import.reading') : t('import.checking')}
            <progress value={progress.done} max={Math.max(progress.total, 1)} />
          </div>
        )}
        {networkPreview && <NetworkSummary preview={networkPreview} />}
        {phase.type === 'built' && !phase.preview.ok && (
          <p className="status error" role="alert" data-testid="import-error">
            {problemMessage(phase.preview.error, language)}
          </p>
        )}
        {preview && (
          <ImportSummary
            preview={preview}
            accepted={accepted}
            crs={crs}
            onUseCrs={setCrs}
            onSwap={() => setSwapAxes(true)}
            swapAxes={swapAxes}
          />
        )}
        {preview && rejectedCount > 0 && acceptedCount > 0 && (
          <label className="toggle">
            <input
              type="checkbox"
              data-testid="import-keep-valid"
              checked={keepValid}
              onChange={(event) => setKeepValid(event.target.checked)}
            />
            {t('import.keepValid')
              .replace('{valid}', String(acceptedCount))
              .replace('{rejected}', String(rejectedCount))}
          </label>
        )}
        {mode === 'replace' && accepted.length > 0 && (
          <p className="hint" data-testid="import-replace-note">
            {t('import.replaceNote').replace(
              '{layers}',
              accepted
                .map((a) => t(keyOr(`layer.${a.layer}`, 'text.unknown')))
                .join(t('punct.list')),
            )}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" data-testid="import-cancel" onClick={cancel}>
            {t('import.cancel')}
          </button>
          <button
            type="button"
            className="primary"
            data-testid="import-confirm"
            disabled={target === 'network' ? !networkPreview?.ok : !canConfirm}
            onClick={() => void confirm()}
          >
            {target === 'network'
              ? t('network.confirm')
              : t('import.confirm').replace('{n}', String(acceptedCount))}
          </button>
        </div>
      </div>
    </div>
  );
}
