import { useCallback } from 'react';
import { useAppStore } from '../state/store';
import { type StringKey, translate } from './i18n';

/** The translate function for the current language. */
export function useText(): (key: StringKey) => string {
  const language = useAppStore((s) => s.language);
  return useCallback((key: StringKey) => translate(language, key), [language]);
}
