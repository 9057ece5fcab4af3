import { type StringKey, keyOr } from '../i18n';

type Translate = (key: StringKey) => string;

/**
 * What is said beside a facility's name: a station's lines; a school's levels, its likely
 * level marked unverified, or "other school / university" when it counts for no level.
 */
export function facilityFacts(
  properties: { lines?: unknown; levels?: unknown; levelStatus?: unknown },
  t: Translate,
): string {
  if (Array.isArray(properties.lines)) return properties.lines.join('、');
  if (!Array.isArray(properties.levels)) return '';
  const levels = (properties.levels as string[])
    .filter((l) => l !== 'other')
    .map((l) => t(keyOr(`legend.${l}`, 'text.unknown')))
    .join(t('punct.and'));
  if (properties.levelStatus === 'unverified') {
    return t('school.unverified').replace('{levels}', levels);
  }
  return levels || t('group.other-school');
}

/** The same facts read from a shipped feature's properties. */
export function featureFacts(properties: Record<string, unknown>, t: Translate): string {
  if (Array.isArray(properties.lines)) return facilityFacts({ lines: properties.lines }, t);
  if (!Array.isArray(properties.serves_levels)) return '';
  const unverified = properties.level_status === 'unverified';
  return facilityFacts(
    {
      levels: unverified ? properties.likely_levels : properties.serves_levels,
      levelStatus: properties.level_status,
    },
    t,
  );
}
