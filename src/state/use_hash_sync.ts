import { useEffect } from 'react';
import { DEFAULT_VISIBLE_LAYERS } from '../layers/catalog';
import { DEFAULT_VIEW, useAppStore } from './store';
import { parseHash, serializeHash } from './url_hash';

/** Applies a hash to the store; values missing or bad in the hash fall back to the defaults. */
function applyHash(hash: string): void {
  const parsed = parseHash(hash);
  const store = useAppStore.getState();
  store.setView(parsed.view ?? DEFAULT_VIEW);
  useAppStore.setState({ viewFromLink: parsed.view !== null });
  store.setVisibleLayers(parsed.layers ?? [...DEFAULT_VISIBLE_LAYERS]);
  store.setLanguage(parsed.language ?? 'zh');
  store.setAnalysis(parsed.analysis ?? { ...store.analysis, open: false });
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
