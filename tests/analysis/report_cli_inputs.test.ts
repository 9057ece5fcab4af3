import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reconcileCompleteness } from '../../scripts/report/completeness';
import { readInputFile } from '../../scripts/report/files';
import type { CompletenessTable } from '../../src/data/completeness';
import type { AppFeatureCollection } from '../../src/data/schema';
import { nestedOsmXml, scenarioWithPark, selfCrossingStar, surveyOutline } from '../hostile/inputs';

const CLI = ['--import', 'tsx', 'scripts/report.ts'];
const report = (...args: string[]) =>
  spawnSync(process.execPath, [...CLI, ...args], { encoding: 'utf8', timeout: 60_000 });

/** One line on stderr, exit code 2, and no stack trace. */
function expectOneLineRefusal(run: ReturnType<typeof report>, text: string) {
  expect(run.status, run.stderr).toBe(2);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toContain(text);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

const copyOfShippedData = () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-data-'));
  cpSync('public/geo', dir, { recursive: true });
  return dir;
};

/** Car parks a planner brought: one near each of the first residential blocks of every unit. */
function plannerCarParks(dir: string): AppFeatureCollection {
  const residential = JSON.parse(
    readFileSync(join(dir, 'residential.geojson'), 'utf8'),
  ) as AppFeatureCollection;
  const features = residential.features
    .filter((f) => f.properties.subdistrict && f.geometry.type === 'Polygon')
    .slice(0, 60)
    .map((f, i) => ({
      type: 'Feature' as const,
      geometry: {
        type: 'Point' as const,
        coordinates: (f.geometry as { coordinates: number[][][] }).coordinates[0]![0]!,
      },
      properties: {
        id: `planner-${i}`,
        name: `停车场${i}`,
        kind: 'car-park',
        subdistrict: f.properties.subdistrict,
        source: 'planner',
        source_crs: 'WGS-84' as const,
        accuracy: 'surveyed' as const,
        spaces: 40,
      },
    }));
  return { type: 'FeatureCollection', features };
}

describe('npm run report with hostile or odd inputs', { timeout: 60_000 }, () => {
  it('--help prints the usage and exits 0', () => {
    const run = report('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: npm run report');
    expect(run.stdout).toContain('--parking-radius N');
  });

  it('refuses 0x10, 0b11 and 1e-300 as a radius, and an unknown flag alone as unknown', () => {
    for (const value of ['0x10', '0b11', '1e-300']) {
      expectOneLineRefusal(report('--park-radius', value), `not ${value}`);
    }
    expectOneLineRefusal(report('--nonsense'), 'unknown flag --nonsense');
  });

  it('refuses an --out it cannot write before measuring anything', () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-out-'));
    expectOneLineRefusal(report('--out', join(dir, 'missing', 'r.md')), 'does not exist');
    expectOneLineRefusal(report('--out', dir), 'it is a folder');
    expectOneLineRefusal(report('--out', '/dev/full'), 'not a regular file');
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it('leaves no partial file when a write is cut short (file-size limit)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-limit-'));
    const out = join(dir, 'report.json');
    // 2 KiB: the JSON report is larger, so the write fails half-way.
    const run = spawnSync(
      'bash',
      [
        '-c',
        `ulimit -f 2; exec "${process.execPath}" ${CLI.join(' ')} --format json --out "${out}"`,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expectOneLineRefusal(run, 'the file-size limit was reached; nothing was written');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes --out whole, with no temporary file left beside it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-out-'));
    const out = join(dir, 'report.json');
    writeFileSync(out, 'old');
    const run = report('--format', 'json', '--out', out);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).rows).toHaveLength(8);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('refuses a FIFO as a layer file instead of waiting on it', () => {
    const dir = copyOfShippedData();
    const parks = join(dir, 'parks.geojson');
    spawnSync('rm', [parks]);
    expect(spawnSync('mkfifo', [parks]).status).toBe(0);
    const run = report('--data', dir);
    expect(run.error).toBeUndefined(); // not killed by the timeout
    expectOneLineRefusal(run, 'parks.geojson is not a regular file');
  });

  it('refuses a completeness.json of the wrong shape in one line', () => {
    const dir = copyOfShippedData();
    writeFileSync(join(dir, 'completeness.json'), '{"parks": [1, 2]}');
    expectOneLineRefusal(report('--data', dir), 'not a completeness table');
  });

  it("measures parking from a planner's car parks the shipped table does not know", () => {
    const dir = copyOfShippedData();
    writeFileSync(join(dir, 'car-parks.geojson'), JSON.stringify(plannerCarParks(dir)));
    const run = report('--data', dir, '--format', 'json');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('car-parks: completeness.json counts 0 features');
    const { rows } = JSON.parse(run.stdout) as {
      rows: { name: string; parking: { share: number | null; units_measured: string[] } }[];
    };
    const whole = rows.at(-1)!;
    expect(whole.parking.share).toBeGreaterThan(0);
    expect(whole.parking.units_measured.length).toBeGreaterThan(0);
    // The shipped folder itself matches its table: nothing to say.
    expect(report('--format', 'json').stderr).toBe('');
  });
});

describe("a data folder's layers pass the import's gate", { timeout: 60_000 }, () => {
  /** The shipped folder with its first park's outline replaced, and that park's id. */
  const withFirstParkOutline = (ring: number[][]) => {
    const dir = copyOfShippedData();
    const path = join(dir, 'parks.geojson');
    const parks = JSON.parse(readFileSync(path, 'utf8')) as AppFeatureCollection;
    parks.features[0]!.geometry = { type: 'Polygon', coordinates: [ring] };
    writeFileSync(path, JSON.stringify(parks));
    return { dir, id: String(parks.features[0]!.properties.id) };
  };

  it('refuses a park outlined by a self-crossing 20,000-vertex star, naming the feature', () => {
    const { dir, id } = withFirstParkOutline(selfCrossingStar(20_001));
    const run = report('--data', dir);
    expectOneLineRefusal(run, `parks.geojson: feature 0 (${id}): self-intersecting ring`);
    expect(run.stdout).toBe('');
  });

  it('refuses a park of more vertices than one feature may have, with its figure', () => {
    const { dir } = withFirstParkOutline(surveyOutline(100_010));
    expectOneLineRefusal(
      report('--data', dir),
      'parks.geojson: feature 0: 单个要素的顶点数超过上限 100,000（此文件：至少 100,001）',
    );
  });

  it('refuses 100,000 levels of nested properties before parsing them', () => {
    const dir = copyOfShippedData();
    const path = join(dir, 'schools.geojson');
    const text = readFileSync(path, 'utf8');
    const deep = `{"deep":${'['.repeat(100_000)}${']'.repeat(100_000)},`;
    writeFileSync(path, text.replace('{', deep));
    expectOneLineRefusal(
      report('--data', dir),
      'schools.geojson: JSON 嵌套层数超过上限 64（此文件：至少 65） / JSON nesting depth over the limit of 64',
    );
  });

  it('refuses a layer file over the file-size limit without reading it', () => {
    const dir = copyOfShippedData();
    truncateSync(join(dir, 'residential.geojson'), 101 * 1024 * 1024);
    expectOneLineRefusal(
      report('--data', dir),
      'residential.geojson: 文件大小超过上限 100.0 MB（此文件：101.0 MB）',
    );
  });

  it('refuses a layer of too many features with its count, before parsing it', () => {
    const dir = copyOfShippedData();
    const feature = '{"type":"Feature","geometry":null,"properties":{"name":"停车场"}}';
    // Cut short at the end: had it been parsed, it would be refused as not JSON.
    const text = `{"type":"FeatureCollection","features":[${`${feature},`.repeat(250_001)}`;
    writeFileSync(join(dir, 'car-parks.geojson'), text);
    expectOneLineRefusal(
      report('--data', dir),
      'car-parks.geojson: 每次导入的要素数超过上限 250,000（此文件：250,001） / features per import over the limit of 250,000 (this file: 250,001)',
    );
  });

  it('refuses a completeness.json nested too deeply', () => {
    const dir = copyOfShippedData();
    writeFileSync(join(dir, 'completeness.json'), `{"a":${'['.repeat(1000)}${']'.repeat(1000)}}`);
    expectOneLineRefusal(report('--data', dir), 'completeness.json: JSON 嵌套层数超过上限 64');
  });
});

describe('inputs are checked before any measuring', { timeout: 60_000 }, () => {
  /** The shipped folder with 25,000 car parks: enough that the report announces its measuring. */
  const bigFolder = () => {
    const dir = copyOfShippedData();
    const [one] = plannerCarParks(dir).features;
    const features = Array.from({ length: 25_000 }, (_, i) => ({
      ...one!,
      geometry: {
        type: 'Point' as const,
        coordinates: [
          116.28 + ((i * 7919) % 17_000) * 1e-5,
          40.03 + ((i * 104_729) % 9_000) * 1e-5,
        ],
      },
      properties: { ...one!.properties, id: `planner-${i}` },
    }));
    writeFileSync(
      join(dir, 'car-parks.geojson'),
      JSON.stringify({ type: 'FeatureCollection', features }),
    );
    return dir;
  };

  it('refuses a bad scenario or network file before measuring a big folder', () => {
    const dir = bigFolder();
    const measuring = report('--data', dir);
    expect(measuring.status, measuring.stderr).toBe(0);
    expect(measuring.stderr).toContain('measuring 25');

    const scenario = join(dir, 'star-scenario.geojson');
    writeFileSync(scenario, scenarioWithPark(selfCrossingStar(20_001)));
    const badScenario = report('--data', dir, '--scenario', scenario);
    expectOneLineRefusal(
      badScenario,
      'star-scenario.geojson: feature 0: park polygon: self-intersecting ring',
    );
    expect(badScenario.stderr).not.toContain('measuring');

    const network = join(dir, 'deep.osm');
    writeFileSync(network, nestedOsmXml(1000));
    const badNetwork = report('--data', dir, '--network', network);
    expectOneLineRefusal(badNetwork, 'deep.osm: XML 嵌套层数超过上限 64');
    expect(badNetwork.stderr).not.toContain('measuring');
  });
});

describe('completeness of a data folder', () => {
  const collection = (units: (string | null)[]): AppFeatureCollection => ({
    type: 'FeatureCollection',
    features: units.map((subdistrict, i) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [116.3, 40.07] },
      properties: {
        id: String(i),
        name: '',
        kind: 'car-park',
        subdistrict,
        source: 's',
        source_crs: 'WGS-84',
        accuracy: 'surveyed',
      },
    })),
  });
  const table: CompletenessTable = {
    'car-parks': {
      note: 'none shipped',
      note_zh: '',
      units: {
        A: { status: 'none', coverage_share: 0, count: 0 },
        B: { status: 'covered', coverage_share: 1, count: 1 },
      },
    },
  };

  it('keeps a row whose counts match the features present', () => {
    const result = reconcileCompleteness(table, { 'car-parks': collection(['B']) }, ['A', 'B']);
    expect(result.notices).toEqual([]);
    expect(result.table['car-parks']).toBe(table['car-parks']);
  });

  it('derives a stale row from the features present and says so', () => {
    const result = reconcileCompleteness(
      table,
      { 'car-parks': collection(['A', 'A', 'B', 'B', null]) },
      ['A', 'B', 'C'],
    );
    expect(result.notices).toHaveLength(1);
    expect(result.table['car-parks']!.units).toEqual({
      A: { status: 'partial', coverage_share: 0, count: 2 },
      B: { status: 'covered', coverage_share: 1, count: 2 },
      C: { status: 'none', coverage_share: 0, count: 0 },
    });
    expect(result.table['car-parks']!.note).toContain('derived from the 4 features present');
  });

  it('derives a row the table lacks, and one for a folder with no table', () => {
    const result = reconcileCompleteness(null, { parks: collection(['A']) }, ['A', 'B']);
    expect(result.table.parks!.units.A!.status).toBe('partial');
    expect(result.table.parks!.units.B!.status).toBe('none');
  });
});

describe('reading a layer file', () => {
  it('shows the progress of a large file on stderr, in tenths', () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-read-'));
    const path = join(dir, 'car-parks.geojson');
    writeFileSync(path, 'x'.repeat(10 * 1024 * 1024));
    const lines: string[] = [];
    expect(readInputFile(path, (line) => lines.push(line), 1).length).toBe(10 * 1024 * 1024);
    expect(lines.at(-1)).toBe('reading car-parks.geojson: 10 MB of 10 MB (100%)');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const small: string[] = [];
    readInputFile(path, (line) => small.push(line));
    expect(small).toEqual([]);
    expect(existsSync(path)).toBe(true);
  });
});
