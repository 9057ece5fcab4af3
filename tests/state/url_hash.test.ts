import { describe, expect, it } from 'vitest';
import { DEFAULT_COVERAGE_PARAMETERS } from '../../src/analysis/coverage_parameters';
import { LAYER_IDS } from '../../src/data/layers';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../src/state/analysis_settings';
import {
  type HashState,
  parseHash,
  parseLayers,
  parseView,
  serializeHash,
} from '../../src/state/url_hash';

const EMPTY: HashState = {
  view: null,
  layers: null,
  language: null,
  analysis: null,
  inspection: null,
  task: null,
  project: null,
  scenario: null,
  ignored: [],
  ignoredParameters: [],
};

describe('parseHash', () => {
  it('reads view, layers and language', () => {
    expect(parseHash('#map=13.50/40.07000/116.33000&layers=parks,subdistricts&lang=en')).toEqual({
      view: { center: [116.33, 40.07], zoom: 13.5 },
      layers: ['subdistricts', 'parks'],
      language: 'en',
      analysis: null,
      inspection: null,
      task: null,
      project: null,
      scenario: null,
      ignored: [],
      ignoredParameters: [],
    });
  });

  it.each([
    '',
    '#',
    '#map=',
    '#map=abc',
    '#map=12/40.07',
    '#map=12/40.07/116.33/9',
    '#map=NaN/40.07/116.33',
    '#map=Infinity/40.07/116.33',
    '#map=12/-91/116.33',
    '#map=12/48.85/2.35',
    '#map=30/40.07/116.33',
    '#map=12/%E4%B8%AD/116.33',
    '#lang=fr',
    '#layers=<script>alert(1)</script>',
    '#%',
  ])('gives null fields, never an exception, for %s', (hash) => {
    expect(() => parseHash(hash)).not.toThrow();
    const parsed = parseHash(hash);
    expect(parsed.view).toBeNull();
    expect(parsed.language).toBeNull();
    expect(parsed.layers).toBeNull();
  });

  it('keeps known layers and drops unknown ones', () => {
    expect(parseLayers('parks,nonsense,roads')).toEqual(['parks', 'roads']);
  });

  it('accepts an empty layer list (everything hidden)', () => {
    expect(parseLayers('')).toEqual([]);
  });

  it('rejects a view outside the area', () => {
    expect(parseView('12/39.0/116.33')).toBeNull();
  });
});

describe('serializeHash', () => {
  it('round-trips through parseHash', () => {
    const state = {
      view: { center: [116.41234, 40.07111] as [number, number], zoom: 14.25 },
      layers: ['plan-layout', 'subdistricts', 'parks'] as const,
      language: 'en' as const,
    };
    const parsed = parseHash(serializeHash({ ...state, layers: [...state.layers] }));
    expect(parsed.view).toEqual(state.view);
    expect(parsed.language).toBe('en');
    expect(parsed.layers).toEqual(LAYER_IDS.filter((id) => state.layers.includes(id as never)));
  });

  it('leaves the default language out of the link', () => {
    const hash = serializeHash({
      view: { center: [116.35, 40.075], zoom: 11.6 },
      layers: ['subdistricts'],
      language: 'zh',
    });
    expect(hash).toBe('#map=11.60/40.07500/116.35000&layers=subdistricts');
    expect(parseHash(hash)).toEqual({
      ...EMPTY,
      view: { center: [116.35, 40.075], zoom: 11.6 },
      layers: ['subdistricts'],
    });
  });
});

describe('analysis in the link', () => {
  const view = { center: [116.35, 40.075] as [number, number], zoom: 11.6 };

  it('carries the tab, the school level, catchments and changed parameters by flag name', () => {
    const analysis = {
      ...DEFAULT_ANALYSIS_SETTINGS,
      open: true,
      tab: 'schools' as const,
      schoolLevel: 'middle' as const,
      schoolView: 'catchments' as const,
      parameters: {
        ...DEFAULT_COVERAGE_PARAMETERS,
        middleRadiusMeters: 800,
        includeForest: true,
        includeGreenways: true,
        greenwayRadiusMeters: 800,
        includeUnverifiedSchools: true,
      },
    };
    const hash = serializeHash({ view, layers: ['schools'], language: 'zh', analysis });
    expect(hash).toContain('unverified-schools=1');
    expect(hash).toContain('analysis=schools&level=middle&catchments=1&middle-radius=800');
    expect(hash).toContain('include-forest=1');
    expect(hash).toContain('greenway-radius=800');
    expect(hash).toContain('include-greenways=1');
    expect(parseHash(hash).analysis).toEqual(analysis);
  });

  it('leaves unverified schools out unless the link says unverified-schools=1', () => {
    expect(parseHash('#analysis=schools').analysis?.parameters.includeUnverifiedSchools).toBe(
      false,
    );
    expect(
      parseHash('#analysis=schools&unverified-schools=yes').analysis?.parameters
        .includeUnverifiedSchools,
    ).toBe(false);
    expect(
      parseHash('#analysis=schools&unverified-schools=1').analysis?.parameters
        .includeUnverifiedSchools,
    ).toBe(true);
  });

  it('leaves a closed panel out of the link', () => {
    const hash = serializeHash({
      view,
      layers: [],
      language: 'zh',
      analysis: DEFAULT_ANALYSIS_SETTINGS,
    });
    expect(hash).not.toContain('analysis');
    expect(parseHash(hash).analysis).toBeNull();
  });

  it('falls back to defaults for bad values, never throws', () => {
    const parsed = parseHash(
      '#analysis=parks&park-radius=-5&primary-radius=abc&level=university&park-min-area=100&small-park-min-area=2000',
    ).analysis!;
    expect(parsed.tab).toBe('parks');
    expect(parsed.schoolLevel).toBe('primary');
    expect(parsed.parameters.largeRadiusMeters).toBe(500);
    expect(parsed.parameters.primaryRadiusMeters).toBe(500);
    // A small-park threshold above the large one is not usable: both go back to defaults.
    expect(parsed.parameters.largeParkMinAreaM2).toBe(5000);
    expect(parseHash('#analysis=traffic').analysis).toBeNull();
  });

  it.each([
    ['park-radius=0x10', 'park-radius', '0x10'],
    ['park-radius=0b11', 'park-radius', '0b11'],
    ['park-radius=1e3', 'park-radius', '1e3'],
    ['park-radius=1e-300', 'park-radius', '1e-300'],
    ['park-radius=Infinity', 'park-radius', 'Infinity'],
    ['park-radius=%20600', 'park-radius', ' 600'],
    ['park-radius=600.', 'park-radius', '600.'],
    ['park-radius=5', 'park-radius', '5'],
    ['parking-radius=20000', 'parking-radius', '20000'],
    ['park-min-area=0', 'park-min-area', '0'],
  ])('does not use %s and names it for the notice', (part, name, value) => {
    const parsed = parseHash(`#analysis=parks&${part}`);
    expect(parsed.analysis!.parameters).toEqual(DEFAULT_COVERAGE_PARAMETERS);
    expect(parsed.ignoredParameters).toEqual([{ name, value }]);
  });

  it('takes plain decimals inside each range and reports nothing', () => {
    const parsed = parseHash('#analysis=parks&park-radius=600.5&park-min-area=100000');
    expect(parsed.analysis!.parameters.largeRadiusMeters).toBe(600.5);
    expect(parsed.analysis!.parameters.largeParkMinAreaM2).toBe(100_000);
    expect(parsed.ignoredParameters).toEqual([]);
  });

  it('names both thresholds when the small one is above the large one', () => {
    const parsed = parseHash('#analysis=parks&park-min-area=100&small-park-min-area=2000');
    expect(parsed.ignoredParameters.map((p) => p.name).sort()).toEqual([
      'park-min-area',
      'small-park-min-area',
    ]);
  });

  it('reads the map view and the inspected point with the same strict reader', () => {
    expect(parseView('0xD/40.07/116.33')).toBeNull();
    expect(parseView('13/4007e-2/116.33')).toBeNull();
    expect(parseHash('#at=116.33,40.07&r=0x1F4').ignored).toEqual(['r']);
    expect(parseHash('#at=0x74,40.07').ignored).toEqual(['at']);
  });
});

describe('inspected point in the link', () => {
  const view = { center: [116.35, 40.075] as [number, number], zoom: 11.6 };

  it('reads at=lon,lat and r=metres, and writes them back', () => {
    const parsed = parseHash('#at=116.3298,40.0695&r=500');
    expect(parsed.inspection).toEqual({ lonLat: [116.3298, 40.0695], radiusM: 500 });
    expect(parsed.ignored).toEqual([]);
    const hash = serializeHash({
      view,
      layers: [],
      language: 'zh',
      inspection: { lonLat: [116.3298, 40.0695], radiusM: 500 },
    });
    expect(hash).toContain('at=116.32980,40.06950&r=500');
    expect(parseHash(hash).inspection).toEqual({ lonLat: [116.3298, 40.0695], radiusM: 500 });
  });

  it.each([
    ['#at=abc,40.07&r=500', ['at']],
    ['#at=2.35,48.85', ['at']],
    ['#at=116.33&r=500', ['at']],
    ['#at=116.33,40.07,5', ['at']],
    ['#at=116.33,40.07&r=50', ['r']],
    ['#at=116.33,40.07&r=5000', ['r']],
    ['#at=116.33,40.07&r=NaN', ['r']],
    ['#at=,&r=', ['at', 'r']],
  ])('ignores bad values in %s and says which', (hash, ignored) => {
    expect(() => parseHash(hash)).not.toThrow();
    const parsed = parseHash(hash);
    expect(parsed.ignored).toEqual(ignored);
    if (ignored.includes('at')) expect(parsed.inspection).toBeNull();
    else expect(parsed.inspection!.radiusM).toBeNull();
  });
});

describe('plan task in the link', () => {
  it('reads task=1…23 and writes it back', () => {
    expect(parseHash('#task=4').task).toBe(4);
    const hash = serializeHash({
      view: { center: [116.35, 40.075], zoom: 11.6 },
      layers: [],
      language: 'zh',
      task: 4,
    });
    expect(hash).toContain('task=4');
  });

  it.each(['0', '24', '4.5', 'abc', '', '-1', '004'])('ignores task=%s', (value) => {
    expect(parseHash(`#task=${value}`).task).toBeNull();
  });
});
