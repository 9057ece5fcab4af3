import { useMemo } from 'react';
import { useAppStore } from '../state/store';
import { type Formats, formatsFor } from './i18n';

/** Number, percentage and date formats in the current language. */
export function useFormats(): Formats {
  const language = useAppStore((s) => s.language);
  return useMemo(() => formatsFor(language), [language]);
}
