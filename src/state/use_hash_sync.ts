import { useEffect } from 'react';
import { DEFAULT_VISIBLE_LAYERS } from '../layers/catalog';
import { DEFAULT_INSPECTION, zoomForRadius } from './inspection_settings';
import { DEFAULT_VIEW, useAppStore } from './store';
import { parseHash, serializeHash } from './url_hash';

/** Applies a hash to the store; values missing or bad in the hash fall back to the defaults. */
function applyHash(hash: string): void {
  const parsed = parseHash(hash);
  const store = useAppStore.getState();
  // A link to a point without a view opens close to the point.
  const view =
    parsed.view ??
    (parsed.inspection
      ? {
          center: parsed.inspection.lonLat,
          zoom: zoomForRadius(parsed.inspection.radiusM ?? DEFAULT_INSPECTION.radiusM),
        }
      : null);
  store.setView(view ?? DEFAULT_VIEW);
  useAppStore.setState({ viewFromLink: view !== null });
  store.setVisibleLayers(parsed.layers ?? [...DEFAULT_VISIBLE_LAYERS]);
  store.setLanguage(parsed.language ?? 'zh');
  store.setAnalysis(parsed.analysis ?? { ...store.analysis, open: false });
  store.updateInspection(
    parsed.inspection
      ? {
          open: true,
          lonLat: parsed.inspection.lonLat,
          radiusM: parsed.inspection.radiusM ?? DEFAULT_INSPECTION.radiusM,
        }
      : { lonLat: null },
  );
  store.setPlan(parsed.task ? { open: true, task: parsed.task } : { ...store.plan, task: null });
  store.setLinkNotice(
    parsed.ignored.length > 0 ? `link.ignored.${parsed.ignored.join('-')}` : null,
  );
}

/** Keeps the URL hash and the store in step: hash → store on load and on navigation. */
export function useHashSync(): void {
  useEffect(() => {
    applyHash(window.location.hash);
    const onHashChange = () => applyHash(window.location.hash);
    window.addEventListener('hashchange', onHashChange);
    const unsubscribe = useAppStore.subscribe((state) => {
      const hash = serializeHash({
        view: state.view,
        layers: state.visibleLayers,
        language: state.language,
        analysis: state.analysis,
        inspection: state.inspection.open ? state.inspection : null,
        task: state.plan.open ? state.plan.task : null,
      });
      if (hash !== window.location.hash) {
        window.history.replaceState(null, '', hash);
      }
    });
    return () => {
      window.removeEventListener('hashchange', onHashChange);
      unsubscribe();
    };
  }, []);
}
