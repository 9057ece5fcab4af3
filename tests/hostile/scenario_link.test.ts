import { deflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DecodedScenario } from '../../src/state/scenario_link';
import { SCENARIO_LINK_LIMITS, parseScenarioParam } from '../../src/state/scenario_link';
import { scenarioWithPark, selfCrossingStar, surveyOutline } from './inputs';

/**
 * A hostile scenario link as the page hands it to its worker: the worker module runs here
 * with a stand-in for its global scope, started by a stand-in for the page's Worker, so the
 * value goes through the same messages as in the browser.
 */
afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

class LinkWorker {
  static made: LinkWorker[] = [];
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessageerror: ((event: unknown) => void) | null = null;
  terminated = false;
  private scope = {
    onmessage: null as ((event: { data: unknown }) => void) | null,
    postMessage: (data: unknown) => this.onmessage?.({ data }),
  };
  constructor() {
    LinkWorker.made.push(this);
  }
  postMessage(data: unknown) {
    // The worker's module, evaluated afresh in this worker's own scope.
    vi.resetModules();
    vi.stubGlobal('self', this.scope);
    void import('../../src/worker/scenario_link.worker').then(() =>
      this.scope.onmessage!({ data }),
    );
  }
  terminate() {
    this.terminated = true;
  }
}

async function readLink(value: string): Promise<DecodedScenario> {
  LinkWorker.made = [];
  vi.stubGlobal('Worker', LinkWorker);
  const { decodeScenarioLink } = await import('../../src/worker/scenario_link_client');
  const param = parseScenarioParam(value);
  if (param?.type !== 'encoded') throw new Error(`not an encoded link: ${param?.type}`);
  const decoded = await decodeScenarioLink(param);
  // Read by a worker started for it, and ended once it answered.
  expect(LinkWorker.made).toHaveLength(1);
  expect(LinkWorker.made[0]!.terminated).toBe(true);
  return decoded;
}

/** The `scenario=` value a link would carry for this text (raw deflate, base64url). */
const linkValue = (text: string | Buffer) =>
  `1.${deflateRawSync(text, { level: 9 }).toString('base64url')}`;

describe('a hostile scenario link, read in the worker', () => {
  it('stops inflating a small link at the byte limit', async () => {
    // 1.4 MB of spaces (deflate shrinks at most about 1,000-fold) in under 2,000 characters.
    const value = linkValue(Buffer.alloc(1_400_000, ' '));
    expect(value.length).toBeLessThanOrEqual(SCENARIO_LINK_LIMITS.maxChars);
    expect(await readLink(value)).toEqual({
      ok: false,
      message: `longer than ${SCENARIO_LINK_LIMITS.maxBytes} bytes`,
    });
  });

  it('refuses nesting past the limit, naming the limit, without parsing it', async () => {
    // 40,000 levels inside a scenario's name: 80 kB, within the byte limit.
    const text = scenarioWithPark(surveyOutline(8)).replace(
      '"hostile park"',
      `${'['.repeat(40_000)}${']'.repeat(40_000)}`,
    );
    expect(text.length).toBeLessThan(SCENARIO_LINK_LIMITS.maxBytes);
    const decoded = await readLink(linkValue(text));
    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.message).toContain('JSON nesting depth over the limit of 64');
  });

  it('refuses a park whose outline crosses itself, or is not a closed ring', async () => {
    const star = await readLink(linkValue(scenarioWithPark(selfCrossingStar(9))));
    expect(star.ok).toBe(false);
    expect(!star.ok && star.message).toBe('feature 0: park polygon: self-intersecting ring');
    const open = surveyOutline(8).slice(0, -1);
    const notClosed = await readLink(linkValue(scenarioWithPark(open)));
    expect(notClosed.ok).toBe(false);
    expect(!notClosed.ok && notClosed.message).toBe('feature 0: park polygon: ring is not closed');
  });

  it('reads a sound link to the same scenario', async () => {
    const decoded = await readLink(linkValue(scenarioWithPark(surveyOutline(8))));
    expect(decoded.ok && decoded.scenario.name).toBe('hostile park');
    expect(decoded.ok && decoded.scenario.edits.map((e) => e.type)).toEqual(['add-park']);
  });

  it('is unreadable, not a hang, when its worker fails', async () => {
    class FailingWorker extends LinkWorker {
      override postMessage() {
        queueMicrotask(() => this.onerror?.({ message: 'out of memory', preventDefault() {} }));
      }
    }
    LinkWorker.made = [];
    vi.stubGlobal('Worker', FailingWorker);
    const { decodeScenarioLink } = await import('../../src/worker/scenario_link_client');
    const param = parseScenarioParam(linkValue(scenarioWithPark(surveyOutline(8))));
    const decoded = await decodeScenarioLink(param as Extract<typeof param, { type: 'encoded' }>);
    expect(decoded).toEqual({ ok: false, message: 'the link could not be read: out of memory' });
    expect(LinkWorker.made[0]!.terminated).toBe(true);
  });

  it('is unreadable, not a hang, when its answer could not be received', async () => {
    class UnreadableAnswer extends LinkWorker {
      override postMessage() {
        queueMicrotask(() => this.onmessageerror?.({}));
      }
    }
    LinkWorker.made = [];
    vi.stubGlobal('Worker', UnreadableAnswer);
    const { decodeScenarioLink } = await import('../../src/worker/scenario_link_client');
    const param = parseScenarioParam(linkValue(scenarioWithPark(surveyOutline(8))));
    const decoded = decodeScenarioLink(param as Extract<typeof param, { type: 'encoded' }>);
    const waited = new Promise((resolve) => setTimeout(() => resolve('waiting'), 50));
    expect(await Promise.race([decoded, waited])).toEqual({
      ok: false,
      message: 'the link could not be read: its answer could not be received',
    });
    expect(LinkWorker.made[0]!.terminated).toBe(true);
  });
});
