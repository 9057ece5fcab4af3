import { useRef, useState } from 'react';
import { IMPORT_LAYERS, type ImportLayer, layerAsGeoJson } from '../../data/imported_data';
import type { LayerData } from '../../data/load';
import { featureCount } from '../../data/layer_text';
import { useAppStore } from '../../state/store';
import { downloadText } from '../download';
import { useText } from '../use_text';
import { ScenarioBadge } from '../scenario/scenario_badge';
import { NetworkEntry } from './network_entry';
import { storageRefusedNotice } from './storage_notice';

/** Formats the importer reads, for the file picker. */
const ACCEPTED_FILES = '.geojson,.json,.csv,.txt,.kml,.zip,.osm,.xml';

/**
 * "My data": bring a file (pick it here or drop it anywhere on the map), see what was
 * imported and remove it, and export any layer as it now stands, imports included.
 */
export function DataPanel({ data }: { data: LayerData }) {
  const t = useText();
  const open = useAppStore((s) => s.dataPanelOpen);
  const imports = useAppStore((s) => s.imports);
  const language = useAppStore((s) => s.language);
  const storageRefused = useAppStore((s) => s.storageRefused);
  const { setDataPanelOpen, setImportFile, removeImport, retrySavingScenarios } =
    useAppStore.getState();
  const input = useRef<HTMLInputElement>(null);
  const [exportLayer, setExportLayer] = useState<ImportLayer>('parks');
  if (!open) return null;
  const byFile = [...new Set(imports.map((d) => d.id))].map((id) =>
    imports.filter((d) => d.id === id),
  );
  return (
    <section className="data-panel" data-testid="data-panel" aria-label={t('data.title')}>
      <button
        type="button"
        className="close"
        aria-label={t('panel.close')}
        onClick={() => setDataPanelOpen(false)}
      >
        ×
      </button>
      <h2>{t('data.title')}</h2>
      <ScenarioBadge />
      <p className="hint">{t('data.intro')}</p>
      <button type="button" className="primary" onClick={() => input.current?.click()}>
        {t('data.pickFile')}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept={ACCEPTED_FILES}
        data-testid="import-file-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) setImportFile(file);
        }}
      />
      <p className="hint">{t('data.formats')}</p>
      {storageRefused.length > 0 && (
        <p className="status error" role="alert" data-testid="storage-failed">
          {storageRefusedNotice(language, storageRefused)}
          {/* Refused scenario changes are kept in the tab: they can be sent again at once. */}
          {storageRefused.includes('scenario') && (
            <>
              {' '}
              <button type="button" data-testid="retry-saving" onClick={retrySavingScenarios}>
                {t('data.retrySaving')}
              </button>
            </>
          )}
        </p>
      )}
      <h3>{t('data.imported')}</h3>
      {byFile.length === 0 ? (
        <p className="hint">{t('data.noImports')}</p>
      ) : (
        <ul className="import-list" data-testid="import-list">
          {byFile.map((datasets) => {
            const first = datasets[0]!;
            return (
              <li key={first.id} data-testid="import-item">
                <div>
                  <span className="import-file-name">{first.fileName}</span>
                  <small>
                    {' '}
                    · {first.importedAt.slice(0, 10)} · {first.crs} ·{' '}
                    {t(`import.mode.${first.mode}`)}
                  </small>
                  <br />
                  <small>
                    {datasets
                      .map(
                        (d) => `${t(`layer.${d.layer}`)} ${d.compact?.count ?? d.features.length}`,
                      )
                      .join(t('punct.comma'))}
                  </small>
                </div>
                <button
                  type="button"
                  data-testid="import-remove"
                  onClick={() => {
                    if (window.confirm(t('data.confirmRemove').replace('{name}', first.fileName))) {
                      removeImport(first.id);
                    }
                  }}
                >
                  {t('data.remove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <NetworkEntry data={data} />
      <h3>{t('data.exportTitle')}</h3>
      <div className="scenario-actions">
        <select
          data-testid="dataset-export-layer"
          value={exportLayer}
          onChange={(event) => setExportLayer(event.target.value as ImportLayer)}
        >
          {IMPORT_LAYERS.map((layer) => (
            <option key={layer} value={layer}>
              {t(`layer.${layer}`)} ({featureCount(data.layers[layer])})
            </option>
          ))}
        </select>
        <button
          type="button"
          data-testid="dataset-export"
          onClick={() =>
            downloadText(
              `huitian-${exportLayer}.geojson`,
              layerAsGeoJson(data, exportLayer),
              'application/geo+json',
            )
          }
        >
          {t('data.export')}
        </button>
      </div>
    </section>
  );
}
