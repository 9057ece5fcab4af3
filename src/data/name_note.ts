/** The pipeline's note on the few schools whose only source gives an English name. */
export const ENGLISH_ONLY_NAME_NOTE = 'source gives only an English name';

/** True for a feature whose name is English only: no reliable Chinese name is known. */
export function hasEnglishOnlyName(properties: Record<string, unknown> | null | undefined) {
  return properties?.name_note === ENGLISH_ONLY_NAME_NOTE;
}
