import { useCallback } from 'react';
import { useAppStore } from '../state/store';
import { translate } from './i18n';

/** The translate function for the current language. */
export function useText(): (key: string) => string {
  const language = useAppStore((s) => s.language);
  return useCallback((key: string) => translate(language, key), [language]);
}
