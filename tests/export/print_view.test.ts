import { describe, expect, it } from 'vitest';
import { DEFAULT_COVERAGE_PARAMETERS } from '../../src/analysis/coverage_parameters';
import { mapTitle } from '../../src/export/map_title';
import { fitZoom, printView, scaleDenominator, viewBounds } from '../../src/export/print_view';
import { type StringKey, translate } from '../../src/ui/i18n';

const zh = (key: StringKey) => translate('zh', key);
const en = (key: StringKey) => translate('en', key);

describe('print view', () => {
  const screen = { width: 1060, height: 840 };
  const bounds = viewBounds([116.34, 40.07], 14.5, screen);

  it('finds the bounds of a view again as the zoom that fits them', () => {
    expect(fitZoom(bounds, screen)).toBeCloseTo(14.5, 6);
    // 1060 px at zoom 14.5 on 512-px tiles: 1060 / (512 · 2^14.5) of 360°.
    expect(bounds[2] - bounds[0]).toBeCloseTo((1060 / (512 * 2 ** 14.5)) * 360, 9);
  });

  it('draws at least at the screen zoom, so the labels seen on screen are kept', () => {
    // A4 landscape at 300 dpi leaves a map frame of about 2592 × 1890 device pixels: at the
    // natural 300/96 pixel ratio that is 829 CSS pixels, fewer than the screen's 1060.
    const view = printView(bounds, { width: 2592, height: 1890 }, 300, screen);
    expect(view.zoom).toBeCloseTo(14.5, 6);
    // The screen's extent fits the frame by its height (the frame is wider): 1890 / 840.
    expect(view.pixelRatio).toBeCloseTo(Math.min(2592 / 1060, 1890 / 840), 6);
    // At 150 dpi the print's own zoom is higher than the screen's: more labels, not fewer.
    const coarse = printView(bounds, { width: 1900, height: 1400 }, 150, screen);
    expect(coarse.zoom).toBeGreaterThan(14.5);
    expect(coarse.pixelRatio).toBeCloseTo(150 / 96, 6);
  });

  it('gives the ground metres per device pixel and the representative fraction', () => {
    const view = printView(bounds, { width: 2592, height: 1890 }, 300, screen);
    // The frame spans 2592 / 2.25 CSS px at zoom 14.5 (the screen's height fits it).
    const groundWidth =
      ((40075016.686 * Math.cos((40.07 * Math.PI) / 180)) / (512 * 2 ** 14.5)) * (2592 / 2.25);
    expect(view.metresPerPixel * 2592).toBeCloseTo(groundWidth, -1);
    // 2592 px at 300 dpi are 219.5 mm of paper.
    const fraction = groundWidth / (2592 / 300 / 39.37);
    expect(scaleDenominator(view.metresPerPixel, 300) / fraction).toBeCloseTo(1, 2);
    expect(scaleDenominator(25_012 / (300 / 0.0254), 300)).toBe(25_000);
  });
});

describe('print title', () => {
  const parks = {
    tab: 'parks' as const,
    parameters: { ...DEFAULT_COVERAGE_PARAMETERS, largeRadiusMeters: 800 },
    schoolLevel: 'primary' as const,
    schoolView: 'coverage' as const,
  };

  it('says the radius in force, not the default', () => {
    const title = mapTitle(
      { place: '回天地区', analysis: parks, planOpen: false, scenarioName: null },
      zh,
    );
    expect(title).toBe('回天地区 · 公园绿地800米服务半径覆盖');
    expect(
      mapTitle({ place: '回天地区', analysis: parks, planOpen: false, scenarioName: null }, en),
    ).toBe('回天地区 · Park 800 m service coverage');
  });

  it('names the forest and greenway switches, the school level and view, and the scenario', () => {
    const withSwitches = {
      ...parks,
      parameters: { ...parks.parameters, includeForest: true, includeGreenways: true },
    };
    expect(
      mapTitle({ place: 'X', analysis: withSwitches, planOpen: false, scenarioName: null }, zh),
    ).toBe('X · 公园绿地800米服务半径覆盖（含林地、草地、含绿道1000米）');
    const middle = { ...parks, tab: 'schools' as const, schoolLevel: 'middle' as const };
    expect(
      mapTitle({ place: 'X', analysis: middle, planOpen: false, scenarioName: null }, zh),
    ).toBe('X · 中学1000米服务半径覆盖');
    const areas = { ...middle, schoolView: 'catchments' as const };
    expect(
      mapTitle({ place: 'X', analysis: areas, planOpen: false, scenarioName: '口袋公园' }, zh),
    ).toBe('X · 中学最近学校分区（非官方划片） · 方案：口袋公园');
  });
});
