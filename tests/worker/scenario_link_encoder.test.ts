import { inflateRawSync } from 'node:zlib';
import type { Position } from 'geojson';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Scenario } from '../../src/analysis/scenario';
import { surveyOutline } from '../hostile/inputs';

/**
 * The `scenario=` value of the applied scenario, worked out in the link worker: the real worker
 * module runs here behind a stand-in for the browser's Worker that passes messages as the
 * browser does (structured clone). `hold` keeps the worker's answers back until `release`, so
 * a test decides when an answer arrives.
 */
class BridgedWorker {
  static made: BridgedWorker[] = [];
  static hold = false;
  /** When set, the worker fails (its `error` event) instead of answering. */
  static failing = false;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { message: string }) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  received: { kind: string; scenario?: Scenario }[] = [];
  held: (() => void)[] = [];
  terminated = false;
  private scope = {
    onmessage: null as ((event: { data: unknown }) => void) | null,
    onmessageerror: null as (() => void) | null,
    postMessage: (message: unknown) => {
      const data = structuredClone(message);
      const deliver = () => !this.terminated && this.onmessage?.({ data });
      if (BridgedWorker.hold) this.held.push(deliver);
      else setTimeout(deliver);
    },
  };
  private loaded: Promise<unknown>;
  constructor(url: URL) {
    BridgedWorker.made.push(this);
    expect(String(url)).toContain('scenario_link.worker');
    // The worker's module, evaluated afresh in this worker's own scope.
    vi.resetModules();
    vi.stubGlobal('self', this.scope);
    this.loaded = import('../../src/worker/scenario_link.worker');
  }
  postMessage(message: { kind: string }) {
    const data = structuredClone(message);
    this.received.push(data);
    void this.loaded.then(() => {
      if (BridgedWorker.failing) this.onerror?.({ message: 'out of memory' });
      else this.scope.onmessage!({ data });
    });
  }
  terminate() {
    this.terminated = true;
  }
  /** Lets the answers held back so far arrive. */
  release() {
    const held = this.held;
    this.held = [];
    for (const deliver of held) deliver();
  }
}

beforeEach(() => vi.stubGlobal('Worker', BridgedWorker));
afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
  BridgedWorker.made = [];
  BridgedWorker.hold = false;
  BridgedWorker.failing = false;
});

async function encoder() {
  const { scenarioLinkEncoder } = await import('../../src/worker/scenario_link_encoder');
  return scenarioLinkEncoder;
}

/** A version of a scenario adding one park with this outline. */
const version = (name: string, ring: Position[]): Scenario => ({
  id: 'linked',
  name,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  edits: [
    { id: 'p', type: 'add-park', name: '公园', geometry: { type: 'Polygon', coordinates: [ring] } },
  ],
});

/** What a link's `scenario=1.…` value holds: raw deflate of the JSON, base64url. */
function carried(value: string) {
  expect(value).toMatch(/^1\.[\w-]+$/);
  return JSON.parse(inflateRawSync(Buffer.from(value.slice(2), 'base64url')).toString()) as {
    scenario: { name: string };
    features: { geometry: { coordinates: Position[][] } }[];
  };
}

const encodeRequests = (worker: BridgedWorker) =>
  worker.received.filter((m) => m.kind === 'encode');

describe('the link value of the applied scenario', () => {
  it('is worked out once per version in the worker, however often it is asked for', async () => {
    const links = await encoder();
    const park = version('大公园', surveyOutline(250));
    const first = links.ask(park);
    expect(links.ask(park)).toBe(first);
    expect(links.known(park)).toBeUndefined();
    const answer = await first;
    expect(answer?.ok).toBe(true);
    if (!answer?.ok) return;
    expect(answer.param.fits).toBe(true);
    expect(answer.param.length).toBe(answer.param.value.length);
    const text = carried(answer.param.value);
    expect(text.scenario.name).toBe('大公园');
    expect(text.features[0]!.geometry.coordinates[0]).toHaveLength(251);
    expect(links.known(park)).toEqual(answer);
    await links.ask(park);
    expect(BridgedWorker.made).toHaveLength(1);
    expect(encodeRequests(BridgedWorker.made[0]!)).toHaveLength(1);
  });

  it('names a park near the byte limit, which no link could carry', async () => {
    const links = await encoder();
    const answer = await links.ask(version('测绘公园', surveyOutline(4_500)));
    expect(answer).toMatchObject({ ok: true, param: { value: 'saved.linked', fits: false } });
    expect(answer?.ok && answer.param.length).toBeGreaterThan(2000);
  });

  it('sends only the newest version after the one being worked out, and drops a late answer', async () => {
    BridgedWorker.hold = true;
    const links = await encoder();
    const [v1, v2, v3] = ['一', '二', '三'].map((name) => version(name, surveyOutline(40)));
    const first = links.ask(v1!);
    const second = links.ask(v2!);
    const third = links.ask(v3!);
    // v2 waited behind v1 and was passed over: never sent.
    expect(await second).toBeNull();
    const worker = BridgedWorker.made[0]!;
    await vi.waitFor(() => expect(worker.held).toHaveLength(1));
    expect(encodeRequests(worker).map((m) => m.scenario!.name)).toEqual(['一']);
    // v1's answer arrives after v3 was asked for: dropped, not kept as v1's.
    worker.release();
    expect(await first).toBeNull();
    expect(links.known(v1!)).toBeUndefined();
    await vi.waitFor(() => expect(worker.held).toHaveLength(1));
    expect(encodeRequests(worker).map((m) => m.scenario!.name)).toEqual(['一', '三']);
    worker.release();
    const answer = await third;
    expect(answer?.ok && carried(answer.param.value).scenario.name).toBe('三');
    expect(links.known(v3!)).toEqual(answer);
    expect(links.known(v2!)).toBeUndefined();
  });

  it('keeps the answer of an earlier version asked for again, and drops the one in between', async () => {
    const links = await encoder();
    const a = version('甲', surveyOutline(40));
    const b = version('乙', surveyOutline(41));
    const answerA = await links.ask(a);
    BridgedWorker.hold = true;
    const askedB = links.ask(b);
    const worker = BridgedWorker.made[0]!;
    await vi.waitFor(() => expect(worker.held).toHaveLength(1));
    // Back to a before b's answer came: a's own answer stands, b's is dropped.
    expect(await links.ask(a)).toBe(answerA);
    worker.release();
    expect(await askedB).toBeNull();
    expect(links.known(b)).toBeUndefined();
    expect(links.known(a)).toBe(answerA);
  });

  it('takes the value worked out by the link reader for a version, asking no worker', async () => {
    const links = await encoder();
    const linked = version('链接里的方案', surveyOutline(40));
    const param = { value: '1.carried', fits: true, length: 9 };
    links.seed(linked, param);
    expect(links.known(linked)).toEqual({ ok: true, param });
    expect(await links.ask(linked)).toEqual({ ok: true, param });
    expect(BridgedWorker.made).toHaveLength(0);
    // A new version of it is worked out in the worker as any other.
    const renamed = { ...linked, name: '改名' };
    const answer = await links.ask(renamed);
    expect(answer?.ok && carried(answer.param.value).scenario.name).toBe('改名');
    expect(encodeRequests(BridgedWorker.made[0]!)).toHaveLength(1);
    // A version already asked for keeps its own answer.
    links.seed(renamed, param);
    expect(links.known(renamed)).toBe(answer);
  });

  it('answers a version whose worker failed as not worked out, and asks a fresh worker for the next', async () => {
    BridgedWorker.failing = true;
    const links = await encoder();
    const broken = version('一', surveyOutline(40));
    const answer = await links.ask(broken);
    expect(answer).toEqual({ ok: false, message: 'out of memory' });
    expect(BridgedWorker.made[0]!.terminated).toBe(true);
    // That version stays unanswered: asked again, no worker is asked again.
    expect(await links.ask(broken)).toBe(answer);
    expect(BridgedWorker.made).toHaveLength(1);

    BridgedWorker.failing = false;
    const next = await links.ask(version('二', surveyOutline(40)));
    expect(BridgedWorker.made).toHaveLength(2);
    expect(next?.ok && next.param.fits).toBe(true);
  });
});
