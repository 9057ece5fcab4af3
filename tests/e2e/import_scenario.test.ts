import { mkdirSync, readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import gcoord from 'gcoord';
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, openPage, startSession, stopSession } from './browser';

const SCREENSHOTS = 'test-results';
const XSS_NAME = '<img src=x onerror=alert(1)>';
let session: Session | undefined;

beforeAll(async () => {
  session = await startSession();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(() => stopSession(session));

/** Car parks at a point inside every eighth residential block of the seven units. */
function carParkFile(): string {
  const residential = JSON.parse(
    readFileSync('public/geo/residential.geojson', 'utf8'),
  ) as FeatureCollection;
  const blocks = residential.features.filter((f) => f.properties?.subdistrict);
  const features: Feature[] = blocks
    .filter((_, i) => i % 8 === 0)
    .map((block, i) => ({
      type: 'Feature',
      properties: { name: i === 0 ? XSS_NAME : `测试停车场 ${i}`, 泊位: 40 + i },
      geometry: turf.pointOnFeature(block).geometry,
    }));
  return JSON.stringify({ type: 'FeatureCollection', features });
}

const cell = (unit: string, indicator: string) =>
  `[data-testid="analysis-row"][data-unit="${unit}"] td[data-indicator="${indicator}"]`;

/** Imports a file through the "my data" panel, choosing what it holds. */
async function importFile(page: Page, name: string, text: string, target: string) {
  if (!(await page.isVisible('[data-testid="data-panel"]'))) {
    await page.click('[data-testid="data-toggle"]');
  }
  await page.setInputFiles('[data-testid="import-file-input"]', {
    name,
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(text),
  });
  await page.waitForSelector('[data-testid="import-dialog"][data-phase="choosing"]');
  await page.selectOption('[data-testid="import-target"]', target);
  await page.waitForSelector('[data-testid="import-dialog"][data-phase="built"]');
}

describe('bringing your own data', () => {
  it('imports car parks: parking is measured, names stay text, and a reload keeps them', async () => {
    const { page, watch } = await openPage(session!);
    // An alert would mean an imported name ran as markup; confirms (remove) are accepted.
    const alerts: string[] = [];
    page.on('dialog', (dialog) => {
      if (dialog.type() === 'alert') alerts.push(dialog.message());
      void dialog.accept();
    });
    await page.click('[data-testid="analysis-toggle"]');
    await page.click('[data-testid="analysis-tab-parking"]');
    await page.waitForSelector(`${cell('回天地区', 'parking')} .not-measured`);

    await importFile(page, '<b>停车场</b>.geojson', carParkFile(), 'car-parks');
    expect(await page.textContent('[data-testid="import-accepted"]')).toMatch(/公共停车场 \d+/);
    // Nothing is loaded before the confirm.
    expect(await page.isVisible(`${cell('回天地区', 'parking')} .not-measured`)).toBe(true);
    await page.click('[data-testid="import-confirm"]');
    await page.waitForFunction(
      (selector) => /\d+\.\d%/.test(document.querySelector(selector)?.textContent ?? ''),
      cell('回天地区', 'parking'),
    );
    const measured = await page.textContent(cell('回龙观街道', 'parking'));
    expect(measured).toMatch(/\d+\.\d%/);
    // The distance histogram names both axes with their units, and numbers its bands.
    await page.waitForSelector('[data-testid="parking-histogram"]');
    expect(await page.textContent('[data-testid="parking-histogram-x"]')).toMatch(/距离.*米/);
    expect(await page.textContent('[data-testid="parking-histogram-y"]')).toMatch(/占比.*%/);
    expect(await page.textContent('[data-testid="parking-histogram"]')).toMatch(/\d+%/);
    await page.waitForFunction(
      () => window.__huitianMap!.renderedFeatures(['car-parks-point']).length > 10,
    );

    // The imported name is shown literally: in search, in the panel, in the attribution.
    await page.fill('[data-testid="place-search"]', 'img src');
    await page.waitForSelector('[data-testid="search-result"]');
    expect(await page.textContent('[data-testid="search-results"]')).toContain(XSS_NAME);
    expect(await page.textContent('.maplibregl-ctrl-attrib')).toContain('<b>停车场</b>.geojson');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await page.click('[data-testid="search-result"]');
    await page.waitForSelector('[data-testid="inspection-panel"]');
    await page.waitForFunction(
      (name) =>
        document.querySelector('[data-testid="inspection-panel"]')?.textContent?.includes(name),
      XSS_NAME,
    );
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    const [inspectionCsv] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="inspection-export-csv"]'),
    ]);
    expect(readFileSync((await inspectionCsv.path())!, 'utf8')).toContain(XSS_NAME);
    await page.screenshot({ path: `${SCREENSHOTS}/import-car-parks.png` });

    // The link keeps the parking tab open; the imported car parks come back from the browser.
    expect(page.url()).toContain('analysis=parking');
    await page.reload();
    await page.waitForSelector('[data-map-ready="true"]');
    await page.waitForFunction(
      (selector) => /\d+\.\d%/.test(document.querySelector(selector)?.textContent ?? ''),
      cell('回天地区', 'parking'),
    );
    await page.click('[data-testid="data-toggle"]');
    expect(await page.locator('[data-testid="import-item"]').count()).toBe(1);
    await page.click('[data-testid="import-remove"]');
    await page.waitForSelector(`${cell('回天地区', 'parking')} .not-measured`);

    expect(alerts).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
    await page.close();
  });
});

describe('a zipped Shapefile', () => {
  it('is read with its projection and school levels from a column', async () => {
    const { page, watch } = await openPage(session!);
    await page.click('[data-testid="data-toggle"]');
    await page.setInputFiles('[data-testid="import-file-input"]', {
      name: 'schools.zip',
      mimeType: 'application/zip',
      buffer: readFileSync('tests/fixtures/import/schools-two-layers.zip'),
    });
    await page.waitForSelector('[data-testid="import-dialog"][data-phase="choosing"]');
    await page.selectOption('[data-testid="import-target"]', 'schools');
    await page.selectOption('[data-testid="import-school-level"]', 'column');
    await page.waitForSelector('[data-testid="import-dialog"][data-phase="built"]');
    expect(await page.textContent('[data-testid="import-accepted"]')).toContain('学校与幼儿园 3');
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="import-item"]');
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });
});

/** A 1 ha square (about 110 m × 110 m) centred in a large residential block of 天通苑北街道. */
const GAP_CENTRE: [number, number] = [116.4215, 40.069];
const PARK_CORNERS: [number, number][] = [
  [-0.00065, -0.0005],
  [0.00065, -0.0005],
  [0.00065, 0.0005],
  [-0.00065, 0.0005],
].map(([dx, dy]) => [GAP_CENTRE[0] + dx!, GAP_CENTRE[1] + dy!]);

/** The scenario change shown for a unit's park share, in percentage points. */
async function parkChange(page: Page, unit: string): Promise<number> {
  const change = await page.getAttribute(
    `${cell(unit, 'parks')} [data-testid="scenario-share"]`,
    'data-change',
  );
  return Number(change) * 100;
}

describe('what-if scenarios', () => {
  it('removes a park: its unit’s coverage falls and the land losing service is drawn', async () => {
    const parks = JSON.parse(readFileSync('public/geo/parks.geojson', 'utf8')) as FeatureCollection;
    const forest = parks.features.find((f) => f.properties?.name === '东小口森林公园')!;
    const [lon, lat] = turf.pointOnFeature(forest).geometry.coordinates as [number, number];
    const { page, watch } = await openPage(session!, `#map=14/${lat}/${lon}&analysis=parks`);
    await page.waitForSelector(cell('天通苑南街道', 'parks'));
    await page.click('[data-testid="scenario-toggle"]');
    await page.click('[data-testid="scenario-new"]');
    await page.click('[data-testid="scenario-tool-remove"]');
    const site: [number, number] = [lon, lat];
    const { x, y } = await page.evaluate((p) => window.__huitianMap!.project(p), site);
    await page.mouse.click(x, y);
    await page.waitForSelector('[data-testid="scenario-edit"][data-edit-type="remove"]');
    expect(await page.textContent('[data-testid="scenario-edit"]')).toContain('东小口森林公园');
    await page.waitForSelector(`${cell('天通苑南街道', 'parks')} [data-testid="scenario-share"]`);
    expect(await parkChange(page, '天通苑南街道')).toBeLessThan(-5);
    await page.waitForFunction(
      () => window.__huitianMap!.renderedFeatures(['scenario-lost-service-fill']).length > 0,
    );
    await page.waitForFunction(
      () => window.__huitianMap!.renderedFeatures(['scenario-removed-line']).length > 0,
    );
    await page.screenshot({ path: `${SCREENSHOTS}/scenario-remove.png` });
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });

  it('adds a park in a gap: the unit’s coverage rises, the change shows, and it survives a reload', async () => {
    const { page, watch } = await openPage(
      session!,
      `#map=15/${GAP_CENTRE[1]}/${GAP_CENTRE[0]}&analysis=parks`,
    );
    await page.waitForSelector(cell('天通苑北街道', 'parks'));
    const before = await page.textContent(cell('天通苑北街道', 'parks'));
    await page.click('[data-testid="scenario-toggle"]');
    await page.click('[data-testid="scenario-new"]');
    await page.click('[data-testid="scenario-tool-add-park"]');
    for (const corner of PARK_CORNERS) {
      const { x, y } = await page.evaluate((p) => window.__huitianMap!.project(p), corner);
      await page.mouse.click(x, y);
    }
    await page.click('[data-testid="scenario-finish-park"]');
    await page.waitForSelector(`${cell('天通苑北街道', 'parks')} [data-testid="scenario-share"]`);
    const change = await parkChange(page, '天通苑北街道');
    expect(change).toBeGreaterThan(1);
    expect(await page.textContent(cell('天通苑北街道', 'parks'))).toMatch(
      /\d+\.\d%.*→ *(≥ )?\d+\.\d%.*\+\d+\.\d/,
    );
    // The share now (a lower bound: 天通苑北's park data is incomplete) stays in front.
    const now = before!.split('无数据')[0]!.trim();
    expect(now).toMatch(/^≥ \d+\.\d%$/);
    expect((await page.textContent(cell('天通苑北街道', 'parks')))!.startsWith(now)).toBe(true);
    // The covered area follows the scenario: more land after the park than now.
    const area = await page.textContent(`[data-unit="天通苑北街道"] [data-testid="covered-area"]`);
    const [areaNow, areaAfter] = area!.split('→').map((s) => Number(s.trim()));
    expect(areaAfter).toBeGreaterThan(areaNow!);
    // Units out of the park's reach do not change.
    expect(await parkChange(page, '回龙观街道')).toBeCloseTo(0, 6);
    expect(await parkChange(page, '回天地区')).toBeGreaterThan(0);
    await page.waitForFunction(
      () => window.__huitianMap!.renderedFeatures(['scenario-newly-served-fill']).length > 0,
    );
    await page.waitForFunction(
      () => window.__huitianMap!.renderedFeatures(['scenario-added-fill']).length > 0,
    );
    await page.screenshot({ path: `${SCREENSHOTS}/scenario-park.png` });

    await page.reload();
    await page.waitForSelector('[data-map-ready="true"]');
    await page.waitForSelector(`${cell('天通苑北街道', 'parks')} [data-testid="scenario-share"]`);
    expect(await parkChange(page, '天通苑北街道')).toBeCloseTo(change, 6);
    await page.click('[data-testid="scenario-toggle"]');
    expect(await page.locator('[data-testid="scenario-edit"]').count()).toBe(1);

    // A copy without the park, compared side by side with the original.
    await page.click('[data-testid="scenario-duplicate"]');
    await page.fill('[data-testid="scenario-name"]', '不建公园');
    await page.click('[data-testid="scenario-edit-undo"]');
    expect(await page.locator('[data-testid="scenario-edit"]').count()).toBe(0);
    await page.selectOption('[data-testid="scenario-compare"]', { label: '方案 1' });
    await page.waitForSelector('[data-testid="scenario-compare-table"]');
    const compared = await page.textContent('[data-testid="scenario-compare-table"] thead');
    expect(compared).toContain('不建公园');
    expect(compared).toContain('方案 1');

    // Export the copy, delete it, and bring it back from the file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="scenario-export"]'),
    ]);
    const file = readFileSync((await download.path())!, 'utf8');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.click('[data-testid="scenario-delete"]');
    await page.waitForFunction(
      () =>
        !document.querySelector('[data-testid="scenario-list"]')?.textContent?.includes('不建公园'),
    );
    await page.setInputFiles('[data-testid="scenario-import-input"]', {
      name: 'scenario.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(file),
    });
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="scenario-list"]')?.textContent?.includes('不建公园'),
    );
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });
});

/** Three parks, one outline that crosses itself, one park far outside the area. */
function parksWithProblems(): string {
  const square = (lon: number, lat: number, name: string): Feature => ({
    type: 'Feature',
    properties: { name },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [lon, lat],
          [lon + 0.001, lat],
          [lon + 0.001, lat + 0.001],
          [lon, lat + 0.001],
          [lon, lat],
        ],
      ],
    },
  });
  const bowTie: Feature = {
    type: 'Feature',
    properties: { name: '自相交绿地' },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [116.42, 40.07],
          [116.421, 40.071],
          [116.421, 40.07],
          [116.42, 40.071],
          [116.42, 40.07],
        ],
      ],
    },
  };
  return JSON.stringify({
    type: 'FeatureCollection',
    features: [
      square(116.4205, 40.0665, '规划口袋公园甲'),
      square(116.4305, 40.0695, '规划口袋公园乙'),
      bowTie,
      square(121.47, 31.23, '上海的公园'),
      square(116.4105, 40.0705, '规划口袋公园丙'),
    ],
  });
}

const parkCount = async (page: Page) =>
  Number(
    (await page.textContent('[data-testid="dataset-export-layer"] option[value="parks"]'))?.match(
      /\((\d+)\)/,
    )?.[1],
  );

describe('bad input never costs data', () => {
  it('names each bad feature, keeps valid ones only on consent, and changes nothing when cancelled', async () => {
    const { page, watch } = await openPage(session!);
    await page.click('[data-testid="data-toggle"]');
    const shipped = await parkCount(page);
    expect(shipped).toBeGreaterThan(100);

    await page.setInputFiles('[data-testid="import-file-input"]', {
      name: 'broken.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from('{"type":"FeatureCollection","features":[{"type":'),
    });
    await page.waitForSelector('[data-testid="import-error"]');
    expect(await page.textContent('[data-testid="import-error"]')).toMatch(/无法解析/);
    await page.click('[data-testid="import-cancel"]');

    await importFile(page, '公园.geojson', parksWithProblems(), 'parks');
    const problems = await page.textContent('[data-testid="import-problems"]');
    expect(problems).toContain('自相交绿地');
    expect(problems).toContain('上海的公园');
    expect(await page.textContent('[data-testid="import-accepted"]')).toContain('3');
    expect(await page.isDisabled('[data-testid="import-confirm"]')).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/import-problems.png` });
    await page.click('[data-testid="import-cancel"]');
    await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
    expect(await parkCount(page)).toBe(shipped);

    await importFile(page, '公园.geojson', parksWithProblems(), 'parks');
    await page.check('[data-testid="import-keep-valid"]');
    await page.click('[data-testid="import-confirm"]');
    await page.waitForFunction(
      ([count]) =>
        document
          .querySelector('[data-testid="dataset-export-layer"] option[value="parks"]')
          ?.textContent?.includes(`(${count})`),
      [shipped + 3],
    );
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });
});

/** Eight shipped schools, each at its centre (WGS-84), named uniquely. */
function shippedSchoolSites(): { name: string; site: [number, number] }[] {
  const schools = JSON.parse(
    readFileSync('public/geo/schools.geojson', 'utf8'),
  ) as FeatureCollection;
  const names = schools.features.map((f) => String(f.properties?.name));
  return schools.features
    .filter(
      (f, i) => f.properties?.subdistrict && f.properties.name && names.indexOf(names[i]!) === i,
    )
    .slice(0, 8)
    .map((f) => ({
      name: String(f.properties!.name),
      site: turf.centroid(f).geometry.coordinates as [number, number],
    }));
}

/** Those schools as a CSV in GCJ-02, as a planner's spreadsheet from AMap would be. */
function gcjSchoolCsv(): string {
  const rows = shippedSchoolSites().map(({ name, site }) => {
    const [lon, lat] = gcoord.transform(site, gcoord.WGS84, gcoord.GCJ02);
    return `"${name}",${lon.toFixed(6)},${lat.toFixed(6)},小学`;
  });
  return ['名称,经度,纬度,学段', ...rows].join('\n');
}

describe('a CSV dropped on the map', () => {
  it('detects the coordinate columns, suggests GCJ-02 and imports the schools converted', async () => {
    const { page, watch } = await openPage(session!);
    await page.evaluate((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], '学校.csv', { type: 'text/csv' }));
      const workspace = document.querySelector('[data-testid="workspace"]')!;
      workspace.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true }));
      workspace.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true }));
    }, gcjSchoolCsv());
    await page.waitForSelector('[data-testid="import-dialog"][data-phase="choosing"]');
    expect(await page.inputValue('[data-testid="import-lon-column"]')).toBe('经度');
    expect(await page.inputValue('[data-testid="import-lat-column"]')).toBe('纬度');
    expect(await page.locator('[data-testid="import-csv-preview"] tbody tr').count()).toBe(8);
    await page.selectOption('[data-testid="import-target"]', 'schools');
    await page.waitForSelector('[data-testid="import-crs-suggestion"]');
    expect(await page.textContent('[data-testid="import-crs-suggestion"]')).toContain('GCJ-02');
    await page.screenshot({ path: `${SCREENSHOTS}/import-csv.png` });
    await page.click('[data-testid="import-crs-suggestion"] button');
    await page.waitForSelector('[data-testid="import-dialog"][data-phase="built"]');
    expect(await page.inputValue('[data-testid="import-crs"]')).toBe('GCJ-02');
    expect(await page.isVisible('[data-testid="import-crs-suggestion"]')).toBe(false);
    await page.click('[data-testid="import-confirm"]');

    // The current schools layer, exported, holds the imported schools back on their sites.
    await page.click('[data-testid="data-toggle"]');
    await page.selectOption('[data-testid="dataset-export-layer"]', 'schools');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="dataset-export"]'),
    ]);
    const exported = JSON.parse(
      readFileSync((await download.path())!, 'utf8'),
    ) as FeatureCollection;
    const imported = exported.features.filter((f) => String(f.properties?.id).startsWith('imp-'));
    expect(imported).toHaveLength(8);
    const sites = new Map(shippedSchoolSites().map((s) => [s.name, s.site]));
    for (const school of imported) {
      const metres = turf.distance(
        (school.geometry as Point).coordinates,
        sites.get(String(school.properties?.name))!,
        { units: 'meters' },
      );
      expect(metres).toBeLessThan(30);
      expect(school.properties).toMatchObject({ level: 'primary', source_crs: 'GCJ-02' });
    }
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });
});

const OSM_EXTRACT = `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="test">
  <node id="1" lat="40.0700" lon="116.3300"/>
  <node id="2" lat="40.0700" lon="116.3310"/>
  <node id="3" lat="40.0707" lon="116.3310"/>
  <node id="4" lat="40.0707" lon="116.3300"/>
  <node id="5" lat="40.0695" lon="116.3297">
    <tag k="amenity" v="parking"/><tag k="parking" v="surface"/><tag k="capacity" v="150"/>
    <tag k="name" v="回龙观地铁站停车场"/>
  </node>
  <node id="6" lat="40.0690" lon="116.3290"><tag k="amenity" v="parking"/><tag k="access" v="private"/></node>
  <way id="10">
    <nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/>
    <tag k="leisure" v="park"/><tag k="name" v="测试口袋公园"/>
  </way>
</osm>`;

describe('an OpenStreetMap extract', () => {
  it('is sorted into layers by its tags in the built app', async () => {
    const { page, watch } = await openPage(session!);
    await page.click('[data-testid="data-toggle"]');
    await page.setInputFiles('[data-testid="import-file-input"]', {
      name: 'extract.osm',
      mimeType: 'application/xml',
      buffer: Buffer.from(OSM_EXTRACT),
    });
    // OSM files default to "detect from OSM tags", so the preview comes without a choice.
    await page.waitForSelector('[data-testid="import-dialog"][data-phase="built"]');
    expect(await page.inputValue('[data-testid="import-target"]')).toBe('osm-detect');
    const accepted = await page.textContent('[data-testid="import-accepted"]');
    expect(accepted).toContain('公园与绿地 1');
    expect(accepted).toContain('公共停车场 1');
    expect(await page.textContent('[data-testid="import-skipped"]')).toContain('私人停车场 1');
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="import-item"]');
    expect(await page.textContent('[data-testid="import-item"]')).toContain('extract.osm');
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
    await page.close();
  });
});

describe('a KML file', () => {
  it('is read into health facilities', async () => {
    const kml = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
  <Placemark><name>天通苑社区卫生服务中心</name><Point><coordinates>116.4215,40.069,0</coordinates></Point></Placemark>
  <Placemark><name>东小口社区卫生服务站</name><Point><coordinates>116.3905,40.0615,0</coordinates></Point></Placemark>
</Document></kml>`;
    const { page, watch } = await openPage(session!);
    await importFile(page, 'clinics.kml', kml, 'healthcare');
    expect(await page.textContent('[data-testid="import-accepted"]')).toContain('医疗卫生 2');
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="import-item"]');
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });
});
