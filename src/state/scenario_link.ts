import type { Polygon, Position } from 'geojson';
import { limitMessageBoth, parseJsonWithinLimits } from '../data/limits';
import {
  type Scenario,
  type ScenarioEdit,
  scenarioFromGeoJson,
  scenarioToGeoJson,
} from '../analysis/scenario';

/**
 * A scenario travels in the link as `scenario=1.<base64url of the deflated GeoJSON>`: the same
 * form as the exported file, without timestamps and with positions rounded to 5 decimals
 * (about 1 m), read back through the same strict reader as an imported file. A scenario too
 * long for a link is named instead (`scenario=saved.<id>`): that finds it in this browser only.
 */
export const SCENARIO_LINK_LIMITS = {
  /** Longest `scenario=` value written or read: links stay shareable in mail and chat. */
  maxChars: 2000,
  /** Longest decompressed text read from a link (a small link could inflate to megabytes). */
  maxBytes: 100_000,
} as const;

const ENCODED_PREFIX = '1.';
const SAVED_PREFIX = 'saved.';

/** The `scenario=` value that names a scenario saved in this browser. */
export const savedScenarioParam = (id: string) => SAVED_PREFIX + id;

export type ScenarioParam =
  | { type: 'encoded'; text: string }
  | { type: 'saved'; id: string }
  /** Present but not in either form, or over the length limit. */
  | { type: 'bad'; reason: 'tooLong' | 'malformed' };

/** Classifies a `scenario=` value without decoding it; null when the link has none. */
export function parseScenarioParam(value: string | null): ScenarioParam | null {
  if (value === null) return null;
  if (value.length > SCENARIO_LINK_LIMITS.maxChars) return { type: 'bad', reason: 'tooLong' };
  if (value.startsWith(ENCODED_PREFIX) && /^[A-Za-z0-9_-]+$/.test(value.slice(2))) {
    return { type: 'encoded', text: value };
  }
  if (value.startsWith(SAVED_PREFIX) && /^[A-Za-z0-9_-]{1,64}$/.test(value.slice(6))) {
    return { type: 'saved', id: value.slice(6) };
  }
  return { type: 'bad', reason: 'malformed' };
}

const round = (value: number) => Math.round(value * 1e5) / 1e5;
const roundPosition = (p: Position): Position => [round(p[0]!), round(p[1]!)];

function roundedEdit(edit: ScenarioEdit): ScenarioEdit {
  if (edit.type === 'remove') return edit;
  if (edit.type === 'add-park') {
    const geometry: Polygon = {
      type: 'Polygon',
      coordinates: edit.geometry.coordinates.map((ring) => ring.map(roundPosition)),
    };
    return { ...edit, geometry };
  }
  return {
    ...edit,
    geometry: { type: 'Point', coordinates: roundPosition(edit.geometry.coordinates) },
  };
}

/** The compact JSON carried by a link. */
export function scenarioLinkJson(scenario: Scenario): string {
  const geojson = scenarioToGeoJson({ ...scenario, edits: scenario.edits.map(roundedEdit) });
  const { format, version, id, name } = geojson.scenario;
  return JSON.stringify({
    type: geojson.type,
    scenario: { format, version, id, name },
    features: geojson.features.map(({ type, properties, geometry }) => ({
      type,
      properties,
      geometry,
    })),
  });
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream) {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * Each position takes at least 6 bytes of the link's JSON (`[1,2],`), so a scenario with more
 * than maxBytes / 6 of them has a text a link could not carry, however well it compressed.
 */
const MIN_POSITION_BYTES = 6;

function positionCount(scenario: Scenario): number {
  let n = 0;
  for (const edit of scenario.edits) {
    if (edit.type === 'add-park') for (const ring of edit.geometry.coordinates) n += ring.length;
    else if (edit.type !== 'remove') n += 1;
  }
  return n;
}

/** A scenario's `scenario=` value (see `encodeScenarioParam`). */
export interface ScenarioParamValue {
  value: string;
  fits: boolean;
  length: number | null;
  /**
   * Why the strict reader refuses the scenario as the link rounds it (a park whose corners
   * fall together at about a metre): then the link names it instead of carrying it, and the
   * exported file, at full precision, is what to share.
   */
  unreadable?: string;
}

/**
 * The `scenario=` value for a scenario, and whether it fits the link's limit. `length` is the
 * encoded value's, or null when the scenario's text passes the bytes a link's scenario may
 * inflate to (`maxBytes`): then it is not written nor compressed, which for a park of 99,000
 * vertices would hold the link's worker a tenth of a second at each edit. The text is read
 * back by the reader that reads a link, so a link never carries a scenario that would be lost
 * on opening. The page runs it in the link's worker (see scenario_link_encoder): for a park
 * near the byte limit the read-back alone takes tens of milliseconds.
 */
export async function encodeScenarioParam(scenario: Scenario): Promise<ScenarioParamValue> {
  const saved = savedScenarioParam(scenario.id);
  const tooBig = { value: saved, fits: false, length: null };
  if (positionCount(scenario) * MIN_POSITION_BYTES > SCENARIO_LINK_LIMITS.maxBytes) return tooBig;
  const text = scenarioLinkJson(scenario);
  const json = new TextEncoder().encode(text);
  if (json.length > SCENARIO_LINK_LIMITS.maxBytes) return tooBig;
  const read = scenarioFromGeoJson(JSON.parse(text));
  if (!read.ok) return { ...tooBig, unreadable: read.message };
  const encoded =
    ENCODED_PREFIX + toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
  const fits = encoded.length <= SCENARIO_LINK_LIMITS.maxChars;
  return { value: fits ? encoded : saved, fits, length: encoded.length };
}

export type DecodedScenario = { ok: true; scenario: Scenario } | { ok: false; message: string };

/** Inflates, stopping once the text passes the byte limit. */
async function inflate(bytes: Uint8Array): Promise<Uint8Array | null> {
  const reader = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'))
    .getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > SCENARIO_LINK_LIMITS.maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * Reads an encoded `scenario=` value back: base64url, inflate (within maxBytes), JSON (within
 * the nesting limit), then the strict scenario reader that also checks imported files. Never
 * throws. The page runs it in a worker (see decodeScenarioLink), as files and storage are read.
 */
export async function decodeScenarioParam(
  param: Extract<ScenarioParam, { type: 'encoded' }>,
): Promise<DecodedScenario> {
  let text: string;
  try {
    const bytes = await inflate(fromBase64Url(param.text.slice(ENCODED_PREFIX.length)));
    if (!bytes) return { ok: false, message: `longer than ${SCENARIO_LINK_LIMITS.maxBytes} bytes` };
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: 'not a compressed scenario' };
  }
  const json = parseJsonWithinLimits(text);
  if (!json.ok) {
    return { ok: false, message: json.limit ? limitMessageBoth(json.limit) : 'not valid JSON' };
  }
  return scenarioFromGeoJson(json.value);
}

/**
 * A link's scenario read back, with the `scenario=` value this browser writes for it (null
 * when that could not be worked out). Opening a link needs both: the value is what the address
 * shows for the scenario chosen from it, at once, rather than naming it until asked again.
 */
export type OpenedScenarioLink =
  | { ok: true; scenario: Scenario; encoded: ScenarioParamValue | null }
  | { ok: false; message: string };

/**
 * Reads a link's `scenario=` value (see `decodeScenarioParam`) and works out the value for
 * the scenario read, by the encoder itself: a link written elsewhere (another browser's
 * compressor, a hand-made text, positions not rounded) may read the same and still not be the
 * text this browser writes, so the carried text is never assumed to be it. Never throws.
 */
export async function openScenarioParam(
  param: Extract<ScenarioParam, { type: 'encoded' }>,
): Promise<OpenedScenarioLink> {
  const decoded = await decodeScenarioParam(param);
  if (!decoded.ok) return decoded;
  const encoded = await encodeScenarioParam(decoded.scenario).catch(() => null);
  return { ...decoded, encoded };
}

/**
 * True when two scenarios say the same thing in a link (same id, name and rounded edits). The
 * id, part of the link's text, is compared first: the page asks this of every saved scenario
 * when a link is opened, and the text of one with a large park takes milliseconds to build.
 */
export function sameInLink(a: Scenario, b: Scenario): boolean {
  return a.id === b.id && scenarioLinkJson(a) === scenarioLinkJson(b);
}
