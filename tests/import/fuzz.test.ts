import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { geometryProblems } from '../../src/data/check';
import { validateFeatureProperties } from '../../src/data/schema';
import {
  buildImport,
  problemMessage,
  readImportFile,
  type BuildOptions,
  type ImportPreview,
} from '../../src/import';
import { createShippedContext, utf8 } from './context';

/** Generated broken inputs fed through read + build. */
const FUZZ_RUNS = 1200;

const inArea = fc.tuple(
  fc.double({ min: 116.28, max: 116.44, noNaN: true }),
  fc.double({ min: 40.04, max: 40.11, noNaN: true }),
);
const badNumber = fc.oneof(
  fc.constant(Number.NaN),
  fc.constant(Number.POSITIVE_INFINITY),
  fc.double(),
  fc.string({ maxLength: 6 }),
  fc.constant(null),
  fc.constant(undefined),
);
const position = fc.oneof(
  { weight: 4, arbitrary: inArea.map(([x, y]) => [x, y] as unknown[]) },
  { weight: 1, arbitrary: inArea.map(([x, y]) => [y, x] as unknown[]) },
  { weight: 2, arbitrary: fc.array(badNumber, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.anything() },
);
const ring = fc.oneof(
  fc.array(position, { maxLength: 7 }),
  // Closed rings, sometimes crossing themselves.
  fc.array(inArea, { minLength: 3, maxLength: 6 }).map((ps) => [...ps, ps[0]!]),
);
const geometry = fc.oneof(
  fc.record({ type: fc.constant('Point'), coordinates: position }),
  fc.record({ type: fc.constant('MultiPoint'), coordinates: fc.array(position, { maxLength: 3 }) }),
  fc.record({ type: fc.constant('LineString'), coordinates: fc.array(position, { maxLength: 4 }) }),
  fc.record({ type: fc.constant('Polygon'), coordinates: fc.array(ring, { maxLength: 2 }) }),
  fc.record({
    type: fc.constant('MultiPolygon'),
    coordinates: fc.array(fc.array(ring, { maxLength: 2 }), { maxLength: 2 }),
  }),
  fc.record({ type: fc.string({ maxLength: 12 }), coordinates: fc.anything() }),
  fc.constant(null),
  fc.anything(),
);
const properties = fc.oneof(
  fc.dictionary(
    fc.constantFrom(
      'name',
      '名称',
      'NAME',
      'area',
      '面积',
      'capacity',
      'amenity',
      'leisure',
      'landuse',
      'healthcare',
      'access',
      'parking',
      'isced:level',
      'id',
      'kind',
      '__proto__',
      'level',
    ),
    fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom(
        'park',
        'school',
        'parking',
        'clinic',
        'residential',
        'private',
        '小学',
        '<img src=x onerror=alert(1)>',
      ),
      fc.double(),
      fc.anything(),
    ),
  ),
  fc.anything(),
);
const feature = fc.oneof(
  { weight: 5, arbitrary: fc.record({ type: fc.constant('Feature'), properties, geometry }) },
  { weight: 1, arbitrary: fc.anything() },
);
const geojsonText = fc.oneof(
  fc
    .array(feature, { maxLength: 6 })
    .map((features) => JSON.stringify({ type: 'FeatureCollection', features })),
  feature.map((f) => JSON.stringify(f) ?? ''),
  geometry.map((g) => JSON.stringify(g) ?? ''),
);
const truncated = (text: fc.Arbitrary<string>) =>
  fc.tuple(text, fc.nat()).map(([t, n]) => t.slice(0, t.length === 0 ? 0 : n % (t.length + 1)));
const garbled = fc.tuple(geojsonText, fc.nat(), fc.string({ maxLength: 3 })).map(([t, n, s]) => {
  const i = t.length === 0 ? 0 : n % t.length;
  return t.slice(0, i) + s + t.slice(i + 1);
});
const csvCell = fc.oneof(
  fc.double({ min: 39, max: 117 }).map(String),
  fc.constantFrom('', 'abc', '"', '"a,b"', '116.33', '40.07', '1e400', '-', '经度'),
  fc.string({ maxLength: 6 }),
);
const csvText = fc
  .tuple(
    fc.array(
      fc.constantFrom('name', 'lng', 'lat', '经度', '纬度', 'x', 'y', 'area', '车位', '学段', ''),
      { maxLength: 5 },
    ),
    fc.array(fc.array(csvCell, { maxLength: 6 }), { maxLength: 8 }),
    fc.constantFrom(',', ';', '\t'),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([header, rows, d, nl]) => [header.join(d), ...rows.map((r) => r.join(d))].join(nl));
const xmlText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '<osm>',
        '</osm>',
        '<kml>',
        '</kml>',
        '<Placemark>',
        '</Placemark>',
        '<Point><coordinates>',
        '</coordinates></Point>',
        '<way id="1">',
        '</way>',
        '<nd ref="1"/>',
        '<tag k="amenity" v="parking"/>',
        '<?xml version="1.0"?>',
        '<!DOCTYPE x>',
        '&amp;',
        '&bad;',
      ),
      inArea.map(([x, y]) => `<node id="1" lat="${y}" lon="${x}">`),
      inArea.map(([x, y]) => `${x},${y},0 `),
      fc.string({ maxLength: 5 }),
    ),
    { maxLength: 10 },
  )
  .map((parts) => parts.join(''));
const overpassText = fc
  .array(
    fc.record({
      type: fc.constantFrom('node', 'way', 'relation', 'junk'),
      id: fc.oneof(fc.nat(5), fc.string({ maxLength: 2 })),
      lat: badNumber,
      lon: badNumber,
      nodes: fc.array(fc.nat(5), { maxLength: 4 }),
      members: fc.anything(),
      tags: properties,
    }),
    { maxLength: 5 },
  )
  .map((elements) => JSON.stringify({ elements }));

const textInput = fc.oneof(
  fc.tuple(geojsonText, fc.constantFrom('a.geojson', 'a.json', 'noext')),
  fc.tuple(truncated(geojsonText), fc.constantFrom('a.geojson', 'a.json')),
  fc.tuple(garbled, fc.constantFrom('a.geojson', 'x')),
  fc.tuple(csvText, fc.constantFrom('a.csv', 'a.txt', 'a.tsv')),
  fc.tuple(xmlText, fc.constantFrom('a.osm', 'a.kml', 'a.xml', 'noext')),
  fc.tuple(truncated(overpassText), fc.constantFrom('a.json', 'noext')),
  fc.tuple(fc.constant(''), fc.constantFrom('a.csv', 'a.geojson', 'a.zip')),
);
const input = fc.oneof(
  { weight: 6, arbitrary: textInput.map(([text, name]) => [utf8(text), name] as const) },
  {
    weight: 1,
    arbitrary: fc.tuple(
      fc.uint8Array({ maxLength: 200 }),
      fc.constantFrom('a.bin', 'a.csv', 'a.geojson', 'a.kml', 'a.osm'),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(
      fc.uint8Array({ maxLength: 200 }).map((b) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...b])),
      fc.constantFrom('a.zip', 'a.bin'),
    ),
  },
);
const options: fc.Arbitrary<BuildOptions> = fc.record(
  {
    target: fc.constantFrom(
      'parks',
      'schools',
      'car-parks',
      'healthcare',
      'residential',
      'osm-detect',
    ),
    crs: fc.constantFrom('WGS-84', 'GCJ-02', 'BD-09'),
    schoolLevel: fc.constantFrom('kindergarten', 'primary', 'middle', 'column'),
    csvColumns: fc.record(
      { lon: fc.constantFrom('lng', 'x', 'nope'), lat: fc.constantFrom('lat', 'y') },
      { requiredKeys: [] },
    ),
    swapAxes: fc.boolean(),
    datasetId: fc.constantFrom('f1', 'f2'),
  },
  { requiredKeys: ['target', 'crs', 'datasetId'] },
);

/** Returns how many features were accepted, after checking each as data:check would. */
function checkPreview(preview: ImportPreview): number {
  if (!preview.ok) {
    expect(problemMessage(preview.error, 'zh')).not.toBe('');
    expect(problemMessage(preview.error, 'en')).not.toBe('');
    return 0;
  }
  const ids = new Set<string>();
  for (const [layer, features] of Object.entries(preview.layers)) {
    for (const feature of features) {
      expect(validateFeatureProperties(layer, feature)).toEqual([]);
      expect(geometryProblems(feature)).toEqual([]);
      expect(ids.has(feature.properties.id)).toBe(false);
      ids.add(feature.properties.id);
    }
  }
  for (const problem of preview.rejected) expect(problemMessage(problem, 'zh')).not.toBe('');
  return ids.size;
}

describe('import fuzzing', () => {
  it(`survives ${FUZZ_RUNS} generated broken inputs without throwing or accepting bad features`, async () => {
    const context = createShippedContext();
    const before = structuredClone(context);
    let runs = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(input, options, async ([bytes, name], buildOptions) => {
        runs++;
        const read = await readImportFile(bytes, name);
        if (!read.ok) expect(problemMessage(read.error, 'zh')).not.toBe('');
        accepted += checkPreview(buildImport(read, buildOptions, context));
      }),
      { numRuns: FUZZ_RUNS },
    );
    expect(runs).toBeGreaterThanOrEqual(FUZZ_RUNS);
    // The generators also make valid features, so the checks above did run on accepted ones.
    expect(accepted).toBeGreaterThan(0);
    expect(context).toEqual(before);
  }, 120_000);
});
