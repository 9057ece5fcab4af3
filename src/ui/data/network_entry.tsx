import * as turf from '@turf/turf';
import { useMemo } from 'react';
import { overpassQuery } from '../../analysis/network/overpass';
import type { LayerData } from '../../data/load';
import { useAppStore } from '../../state/store';
import { useText } from '../use_text';
import { useFormats } from '../use_formats';

/** The imported walking network (removable) and the Overpass query that fetches one. */
export function NetworkEntry({ data }: { data: LayerData }) {
  const t = useText();
  const f = useFormats();
  const network = useAppStore((s) => s.walkNetwork);
  const query = useMemo(() => overpassQuery(turf.bbox(data.layers.subdistricts)), [data]);
  return (
    <>
      <h3>{t('network.imported')}</h3>
      {network ? (
        <ul className="import-list">
          <li data-testid="network-item">
            <div>
              <span className="import-file-name">{network.fileName}</span>
              <small>
                {' '}
                · {network.importedAt.slice(0, 10)} · {network.crs}
              </small>
              <br />
              <small>
                {t('network.summary')
                  .replace('{edges}', String(network.edges.features.length))
                  .replace('{km}', f.number(network.lengthM / 1000, 1))}
                {network.snapToleranceM !== undefined &&
                  ` ${t('network.snapUsed').replace('{m}', String(network.snapToleranceM))}`}
              </small>
            </div>
            <button
              type="button"
              data-testid="network-remove"
              onClick={() => {
                if (
                  window.confirm(t('network.confirmRemove').replace('{name}', network.fileName))
                ) {
                  useAppStore.getState().setWalkNetwork(null);
                }
              }}
            >
              {t('data.remove')}
            </button>
          </li>
        </ul>
      ) : (
        <p className="hint">{t('network.none')}</p>
      )}
      <details className="overpass-query">
        <summary>{t('network.query')}</summary>
        <pre data-testid="overpass-query">{query}</pre>
      </details>
    </>
  );
}
