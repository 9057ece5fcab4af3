import { exceeds, limitMessageBoth, parseJsonWithinLimits } from '../data/limits';
import { type ScenarioImport, scenarioFromGeoJson } from './scenario';

/**
 * The one gate for a scenario file's bytes, in the app's worker and in the report CLI alike:
 * the file-size and nesting limits, then the strict reader. Never throws.
 */
export function scenarioFromFileBytes(bytes: Uint8Array): ScenarioImport {
  const tooLarge = exceeds('fileBytes', bytes.length);
  if (tooLarge) return { ok: false, message: limitMessageBoth(tooLarge) };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: 'not UTF-8 text' };
  }
  return scenarioFromFileText(text);
}

/** As scenarioFromFileBytes, for a file already read as text. */
export function scenarioFromFileText(text: string): ScenarioImport {
  const json = parseJsonWithinLimits(text.replace(/^\uFEFF/, ''));
  if (!json.ok)
    return { ok: false, message: json.limit ? limitMessageBoth(json.limit) : 'not valid JSON' };
  return scenarioFromGeoJson(json.value);
}
