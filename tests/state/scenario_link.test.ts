import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/analysis/scenario';
import {
  SCENARIO_LINK_LIMITS,
  decodeScenarioParam,
  encodeScenarioParam,
  openScenarioParam,
  parseScenarioParam,
  sameInLink,
  scenarioLinkJson,
} from '../../src/state/scenario_link';
import { parseHash, serializeHash } from '../../src/state/url_hash';
import { surveyOutline } from '../hostile/inputs';

const scenario: Scenario = {
  id: 'mq1abc',
  name: '两处口袋公园',
  createdAt: '2026-01-02T03:04:05.000Z',
  updatedAt: '2026-01-02T03:04:06.000Z',
  edits: [
    {
      id: 'e1',
      type: 'add-park',
      name: '规划公园 1',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [116.4201234567, 40.0701234567],
            [116.4221234567, 40.0701234567],
            [116.4221234567, 40.0721234567],
            [116.4201234567, 40.0701234567],
          ],
        ],
      },
    },
    {
      id: 'e2',
      type: 'add-school',
      name: '规划小学 1',
      level: 'primary',
      geometry: { type: 'Point', coordinates: [116.33, 40.08] },
    },
    {
      id: 'e3',
      type: 'add-car-park',
      name: '规划停车场 1',
      spaces: 120,
      geometry: { type: 'Point', coordinates: [116.31, 40.07] },
    },
    { id: 'e4', type: 'remove', layer: 'schools', featureId: 'school-osm-12', name: '某小学' },
  ],
};

async function roundTrip(s: Scenario) {
  const { value, fits } = await encodeScenarioParam(s);
  expect(fits).toBe(true);
  const param = parseScenarioParam(value);
  expect(param?.type).toBe('encoded');
  return decodeScenarioParam(param as Extract<typeof param, { type: 'encoded' }>);
}

describe('a scenario in the link', () => {
  it('comes back with the same name and edits, positions rounded to about a metre', async () => {
    const decoded = await roundTrip(scenario);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.scenario.id).toBe(scenario.id);
    expect(decoded.scenario.name).toBe('两处口袋公园');
    expect(decoded.scenario.edits.map((e) => e.type)).toEqual(scenario.edits.map((e) => e.type));
    const park = decoded.scenario.edits[0]!;
    expect(park.type === 'add-park' && park.geometry.coordinates[0]![0]).toEqual([
      116.42012, 40.07012,
    ]);
    expect(decoded.scenario.edits[2]).toMatchObject({ spaces: 120 });
    expect(decoded.scenario.edits[3]).toMatchObject({
      layer: 'schools',
      featureId: 'school-osm-12',
    });
    expect(sameInLink(decoded.scenario, scenario)).toBe(true);
  });

  it('is compact: four edits fit in a few hundred URL-safe characters', async () => {
    const { value } = await encodeScenarioParam(scenario);
    expect(value).toMatch(/^1\.[A-Za-z0-9_-]+$/);
    expect(value.length).toBeLessThan(700);
  });

  it('names a scenario too long for a link instead of carrying it', async () => {
    // 300 removals of distinct facilities compress poorly.
    const big: Scenario = {
      ...scenario,
      edits: Array.from({ length: 300 }, (_, i) => ({
        id: `r${i}-${(i * 7919).toString(36)}`,
        type: 'remove' as const,
        layer: 'parks' as const,
        featureId: `park-osm-${(i * 104729).toString(36)}`,
        name: `公园${i}`,
      })),
    };
    const encoded = await encodeScenarioParam(big);
    expect(encoded.fits).toBe(false);
    expect(encoded.length).toBeGreaterThan(SCENARIO_LINK_LIMITS.maxChars);
    expect(encoded.value).toBe(`saved.${scenario.id}`);
    expect(parseScenarioParam(encoded.value)).toEqual({ type: 'saved', id: scenario.id });
  });

  it('names a scenario whose text a link could not carry without writing the link', async () => {
    // 20,000 positions take over 100,000 bytes of JSON; 5,000 of them, rounded to 5 decimals
    // as a link writes them ("[116.33123,40.07456]," is 21 bytes), do too.
    for (const vertices of [20_000, 5_000]) {
      const ring = surveyOutline(vertices);
      const rounded = ring.map(
        ([x, y]) => `[${Math.round(x! * 1e5) / 1e5},${Math.round(y! * 1e5) / 1e5}]`,
      );
      expect(rounded.join(',').length).toBeGreaterThan(SCENARIO_LINK_LIMITS.maxBytes);
      const big: Scenario = {
        ...scenario,
        edits: [
          {
            id: 'p',
            type: 'add-park',
            name: '大公园',
            geometry: { type: 'Polygon', coordinates: [ring] },
          },
        ],
      };
      expect(await encodeScenarioParam(big)).toEqual({
        value: `saved.${scenario.id}`,
        fits: false,
        length: null,
      });
    }
  });

  it('names a scenario that rounding to about a metre would make unreadable, rather than carry it', async () => {
    // Three corners a third of a metre apart: a park at full precision (the editor takes it),
    // and all three the one point 116.4, 40.07 at the link's 5 decimals.
    const tiny: Scenario = {
      ...scenario,
      edits: [
        {
          id: 'p',
          type: 'add-park',
          name: '口袋公园',
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [116.400001, 40.070001],
                [116.400004, 40.070001],
                [116.400004, 40.070004],
                [116.400001, 40.070001],
              ],
            ],
          },
        },
      ],
    };
    const encoded = await encodeScenarioParam(tiny);
    expect([encoded.value, encoded.fits]).toEqual([`saved.${scenario.id}`, false]);
    expect(encoded.unreadable).toBe('feature 0: park polygon has no area');
  });

  it('goes through the hash and back', async () => {
    const { value } = await encodeScenarioParam(scenario);
    const hash = serializeHash({
      view: { center: [116.35, 40.07], zoom: 12 },
      layers: ['parks'],
      language: 'zh',
      project: 'plan-project-3-479e272a',
      scenario: value,
    });
    const parsed = parseHash(hash);
    expect(parsed.project).toBe('plan-project-3-479e272a');
    expect(parsed.scenario).toEqual({ type: 'encoded', text: value });
  });
});

describe('the link gate', () => {
  it('refuses values that are too long or not in either form', () => {
    expect(parseScenarioParam(null)).toBeNull();
    expect(parseScenarioParam(`1.${'A'.repeat(SCENARIO_LINK_LIMITS.maxChars)}`)).toEqual({
      type: 'bad',
      reason: 'tooLong',
    });
    for (const bad of ['', '2.abc', '1.a+b/c=', 'saved.', 'saved.a b', '{"type":1}']) {
      expect(parseScenarioParam(bad)).toEqual({ type: 'bad', reason: 'malformed' });
    }
  });

  it('reads garbage, non-JSON and invalid scenarios as unreadable, never throwing', async () => {
    const encode = async (text: string) => {
      const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
      const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
      return `1.${Buffer.from(bytes).toString('base64url')}`;
    };
    const read = async (value: string) => {
      const param = parseScenarioParam(value);
      if (param?.type !== 'encoded') throw new Error('not encoded');
      return decodeScenarioParam(param);
    };
    expect((await read('1.AAAAAAAA')).ok).toBe(false);
    expect(await read(await encode('not json'))).toEqual({ ok: false, message: 'not valid JSON' });
    // The strict scenario reader refuses a point outside the area.
    const outside = JSON.stringify({
      type: 'FeatureCollection',
      scenario: { id: 'x', name: 'x' },
      features: [
        {
          type: 'Feature',
          properties: { edit: 'add-school', id: 'a', name: 'a', level: 'primary' },
          geometry: { type: 'Point', coordinates: [0, 0] },
        },
      ],
    });
    const refused = await read(await encode(outside));
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.message).toMatch(/outside the area/);
    // A small link that inflates past the byte limit is refused.
    const bomb = await read(await encode(' '.repeat(SCENARIO_LINK_LIMITS.maxBytes + 1)));
    expect(bomb.ok).toBe(false);
  });
});

describe('opening a link', () => {
  const open = (value: string) => {
    const param = parseScenarioParam(value);
    if (param?.type !== 'encoded') throw new Error('not encoded');
    return openScenarioParam(param);
  };
  const linkOf = (text: string, level: number) =>
    `1.${deflateRawSync(text, { level }).toString('base64url')}`;

  it('gives the very text it carries for a link this browser wrote', async () => {
    const { value } = await encodeScenarioParam(scenario);
    const opened = await open(value);
    expect(opened.ok && opened.encoded).toEqual({ value, fits: true, length: value.length });
  });

  it('gives the text this browser writes for a link written otherwise, which reads the same', async () => {
    const written = (await encodeScenarioParam(scenario)).value;
    // The same text compressed otherwise (another browser's compressor, another level).
    const otherCompressor = linkOf(scenarioLinkJson(scenario), 1);
    // A text made by hand: positions not rounded, timestamps kept, keys in another order.
    const { scenario: head, ...rest } = JSON.parse(scenarioLinkJson(scenario)) as {
      scenario: object;
    };
    const byHand = linkOf(
      JSON.stringify({
        ...rest,
        scenario: { ...head, createdAt: scenario.createdAt },
        features: (rest as { features: { geometry: unknown }[] }).features.map((f, i) => {
          const edit = scenario.edits[i]!;
          return { ...f, geometry: edit.type === 'remove' ? null : edit.geometry };
        }),
      }),
      9,
    );
    for (const value of [otherCompressor, byHand]) {
      expect(value).not.toBe(written);
      const opened = await open(value);
      expect(opened.ok).toBe(true);
      if (!opened.ok) return;
      expect(sameInLink(opened.scenario, scenario)).toBe(true);
      expect(opened.encoded).toEqual(await encodeScenarioParam(opened.scenario));
      expect(opened.encoded?.value).toBe(written);
    }
  });
});

describe('the same scenario in a link', () => {
  it('is not one of another id, whatever it holds', () => {
    expect(sameInLink({ ...scenario, id: 'other' }, scenario)).toBe(false);
    expect(sameInLink({ ...scenario, updatedAt: 'later' }, scenario)).toBe(true);
    expect(sameInLink({ ...scenario, name: '另一个' }, scenario)).toBe(false);
  });
});
