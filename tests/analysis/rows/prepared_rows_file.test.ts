/**
 * The shipped prepared rows (public/geo/prepared-rows.bin): read through their gate, they give
 * the prepared area `prepareCoverage` makes of the shipped layers to the last bit; they are used
 * only for exactly those layers; and a truncated or tampered file is refused whole, the rows
 * then prepared as without it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, Polygon } from 'geojson';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_COVERAGE_PARAMETERS,
  type PreparedCoverage,
  coverageReport,
  prepareCoverage,
} from '../../../src/analysis/coverage_report';
import { knownExtents } from '../../../src/data/completeness';
import { digestibleExactly } from '../../../src/analysis/prepared_digest';
import {
  PREPARED_ROWS_LIMITS,
  encodePreparedRows,
  readPreparedRows,
} from '../../../src/analysis/rows/prepared_rows_file';
import { prepareCoverageWithFile } from '../../../src/analysis/shipped_prepared';
import { PREPARED_ROWS_FILE } from '../../../src/data/layers';
import type { AppFeatureCollection } from '../../../src/data/schema';
import { preparedRowsOf } from '../../../scripts/pipeline/prepared_rows';
import { SHIPPED_GEO_DIR, loadShippedLayer } from '../../shipped_layer';
import { collection, createRectangle, twoUnits } from '../fixtures';

const shippedFile = () => {
  const bytes = readFileSync(join(SHIPPED_GEO_DIR, PREPARED_ROWS_FILE));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
};
const shipped = () => ({
  subdistricts: loadShippedLayer('subdistricts'),
  residential: loadShippedLayer('residential'),
});

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Every part of a prepared area the analysis reads, as plain numbers to compare bit for bit. */
function areaNumbers({ area, sites }: PreparedCoverage) {
  const bits = (a: ArrayLike<number> | undefined) =>
    a ? Array.from(a, (x) => (Object.is(x, -0) ? '-0' : x)) : null;
  return {
    centralLon: area.projection.centralLon,
    grid: area.grid,
    unitNames: area.unitNames,
    unitOffsets: bits(area.flatUnitRows?.offsets),
    unitValues: bits(area.flatUnitRows?.values),
    landOffsets: bits(area.flatResidentialRows?.offsets),
    landValues: bits(area.flatResidentialRows?.values),
    landDefined: bits(area.flatResidentialRows?.defined),
    wanted: bits(area.wantedRows),
    unitRows: area.unitRows,
    residentialRows: area.residentialRows,
    centres: sites.map((s) => s.centre),
  };
}

describe('the shipped prepared rows', () => {
  it('give the prepared area of the shipped layers to the last bit, and the same report', async () => {
    const inputs = shipped();
    const { prepared, fileRefused } = await prepareCoverageWithFile(inputs, shippedFile());
    expect(fileRefused).toBeNull();
    const made = prepareCoverage(inputs);
    expect(areaNumbers(prepared)).toEqual(areaNumbers(made));
    const all = {
      ...inputs,
      parks: loadShippedLayer('parks'),
      schools: loadShippedLayer('schools'),
      greenways: loadShippedLayer('greenways'),
      carParks: null,
      knownExtents: knownExtents(
        JSON.parse(readFileSync(join(SHIPPED_GEO_DIR, 'completeness.json'), 'utf8')),
      ),
    };
    expect(coverageReport(all, DEFAULT_COVERAGE_PARAMETERS, prepared)).toEqual(
      coverageReport(all, DEFAULT_COVERAGE_PARAMETERS, made),
    );
  });

  it("give the area a page prepares whatever its engine's Math.cos (Chromium's differs from Node's in the last bit)", async () => {
    const inputs = shipped();
    const { prepared, fileRefused } = await prepareCoverageWithFile(inputs, shippedFile());
    expect(fileRefused).toBeNull();
    // Another engine's cosine: a unit in the last place above this one's.
    const cos = Math.cos;
    vi.spyOn(Math, 'cos').mockImplementation((x) => cos(x) * (1 + Number.EPSILON));
    try {
      expect(areaNumbers(prepareCoverage(inputs))).toEqual(areaNumbers(prepared));
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('are what data:prepare makes of the shipped layers now, byte for byte', async () => {
    const { subdistricts, residential } = shipped();
    const made = encodePreparedRows(await preparedRowsOf(subdistricts, residential));
    expect(Buffer.from(made).equals(Buffer.from(shippedFile()))).toBe(true);
    expect(
      digestibleExactly([...subdistricts.features, ...residential.features].map((f) => f.geometry)),
    ).toBe(true);
  });
});

describe('the layers the prepared rows were made from', () => {
  const refusedFor = async (change: (inputs: ReturnType<typeof shipped>) => void) => {
    const inputs = structuredClone(shipped());
    change(inputs);
    const { prepared, fileRefused } = await prepareCoverageWithFile(inputs, shippedFile());
    // Refused, the rows are prepared from the layers given, as without the file.
    expect(areaNumbers(prepared)).toEqual(areaNumbers(prepareCoverage(inputs)));
    return fileRefused;
  };
  const firstRing = (c: AppFeatureCollection, i: number) => {
    const g = c.features[i]!.geometry;
    if (g.type !== 'Polygon') throw new Error(`feature ${i} is a ${g.type}`);
    return g.coordinates[0]!;
  };

  it('are not used for a block moved by a hair', async () => {
    expect(
      await refusedFor(({ residential }) => {
        const ring = firstRing(residential, 7);
        ring[1] = [ring[1]![0]! + 1e-9, ring[1]![1]!];
      }),
    ).toBe('made from other layers');
  });

  it('are not used for blocks in another order, one fewer, or a boundary moved', async () => {
    expect(await refusedFor(({ residential }) => residential.features.reverse())).toBe(
      'made from other layers',
    );
    expect(await refusedFor(({ residential }) => residential.features.pop())).toBe(
      'another number of blocks',
    );
    expect(
      await refusedFor(({ subdistricts }) => {
        const ring = firstRing(subdistricts, 2);
        ring[3] = [ring[3]![0]!, ring[3]![1]! - 1e-7];
      }),
    ).toBe('made from other layers');
  });

  it('are not used for a unit renamed, or a coordinate given as text', async () => {
    expect(
      await refusedFor(({ subdistricts }) => {
        (subdistricts.features[0]!.properties as { name: string }).name = '别处';
      }),
    ).toBe('made from other layers');
    expect(
      await refusedFor(({ residential }) => {
        const ring = firstRing(residential, 0);
        ring[0] = [String(ring[0]![0]) as unknown as number, ring[0]![1]!];
      }),
    ).toBe('made from other layers');
  });

  it("are used whatever the blocks' properties say (the rows do not read them)", async () => {
    const inputs = structuredClone(shipped());
    for (const f of inputs.residential.features) f.properties.name = 'renamed';
    expect((await prepareCoverageWithFile(inputs, shippedFile())).fileRefused).toBeNull();
  });

  it('are not used where the layers cannot be digested (no SubtleCrypto)', async () => {
    vi.stubGlobal('crypto', undefined);
    expect(await refusedFor(() => {})).toBe('the inputs cannot be digested here');
  });

  it('are not used for another area, which they are not made from', async () => {
    const inputs = {
      subdistricts: twoUnits(),
      residential: collection([createRectangle(-100, -100, 100, 100)]),
    };
    const { fileRefused } = await prepareCoverageWithFile(inputs, shippedFile());
    expect(fileRefused).toBe('another number of blocks');
  });

  it('that hold a 0 or a number JSON cannot write are never made into a file', () => {
    const square = (corner: number): Feature<Polygon> => ({
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [corner, 1],
            [2, 1],
            [2, 2],
            [corner, 1],
          ],
        ],
      },
    });
    expect(digestibleExactly([square(1).geometry])).toBe(true);
    for (const bad of [0, -0, NaN, Infinity]) {
      expect(digestibleExactly([square(bad).geometry])).toBe(false);
    }
  });
});

describe('the gate of a prepared-rows file', () => {
  const layout = () => {
    const view = new DataView(shippedFile());
    const gridRows = view.getUint32(64, true);
    const units = view.getUint32(68, true);
    const blocks = view.getUint32(72, true);
    const namesBytes = view.getUint32(80, true);
    const centresAt = Math.ceil((88 + namesBytes) / 8) * 8;
    const offsetsAt = centresAt + 16 * blocks;
    const definedAt = offsetsAt + 4 * units * (gridRows + 1);
    const valuesAt = Math.ceil((definedAt + units * gridRows) / 8) * 8;
    return { gridRows, units, offsetsAt, definedAt, valuesAt, centresAt };
  };
  /** The shipped file with one change made to a copy of it. */
  const tampered = (change: (view: DataView, bytes: Uint8Array) => void) => {
    const buffer = shippedFile();
    change(new DataView(buffer), new Uint8Array(buffer));
    return buffer;
  };
  const refusal = async (buffer: ArrayBuffer) => {
    const reading = readPreparedRows(buffer);
    expect(reading.ok).toBe(false);
    // Refused whole: the analysis prepares the rows as without a file.
    const inputs = shipped();
    const { prepared, fileRefused } = await prepareCoverageWithFile(inputs, buffer);
    expect(fileRefused).toBe(reading.ok ? null : reading.reason);
    expect(areaNumbers(prepared)).toEqual(areaNumbers(prepareCoverage(inputs)));
    return fileRefused;
  };

  it('passes the shipped file', () => {
    expect(readPreparedRows(shippedFile()).ok).toBe(true);
  });

  it('refuses a file cut anywhere, or with a byte more', async () => {
    const whole = shippedFile();
    for (const length of [
      0,
      40,
      87,
      88,
      1000,
      layout().valuesAt,
      whole.byteLength - 8,
      whole.byteLength - 1,
    ]) {
      expect(await refusal(whole.slice(0, length))).toMatch(
        /prepared rows: .*(shorter|bytes where)/,
      );
    }
    const longer = new Uint8Array(whole.byteLength + 1);
    longer.set(new Uint8Array(whole));
    expect(await refusal(longer.buffer)).toMatch(/bytes where its counts make/);
  });

  it('refuses another kind of file, another version, or counts beyond its limits', async () => {
    expect(await refusal(tampered((v) => v.setUint32(0, 0x46445025, true)))).toMatch(
      /not a prepared-rows file/,
    );
    expect(await refusal(tampered((v) => v.setUint32(4, 2, true)))).toMatch(/format version 2/);
    expect(
      await refusal(tampered((v) => v.setUint32(76, PREPARED_ROWS_LIMITS.numbers + 1, true))),
    ).toMatch(/numbers .* out of range/);
    expect(await refusal(tampered((v) => v.setUint32(64, 0xffffffff, true)))).toMatch(/gridRows/);
    expect(
      await refusal(tampered((v) => v.setUint32(64, v.getUint32(64, true) - 1, true))),
    ).toMatch(/bytes where its counts make/);
  });

  it('refuses numbers that are not finite, out of order, overlapping or odd', async () => {
    const { valuesAt, offsetsAt, definedAt, gridRows } = layout();
    expect(await refusal(tampered((v) => v.setFloat64(valuesAt + 8 * 10, NaN, true)))).toMatch(
      /not sorted, finite and apart/,
    );
    expect(await refusal(tampered((v) => v.setFloat64(valuesAt + 8 * 11, Infinity, true)))).toMatch(
      /not sorted, finite and apart/,
    );
    // An interval whose end comes before its start; one reaching into the next.
    expect(
      await refusal(
        tampered((v) => v.setFloat64(valuesAt, v.getFloat64(valuesAt + 8, true) + 1, true)),
      ),
    ).toMatch(/not sorted, finite and apart/);
    const rowWithTwo = (v: DataView) => {
      for (let k = 0; ; k++) {
        const lo = v.getInt32(offsetsAt + 4 * k, true);
        if (v.getInt32(offsetsAt + 4 * (k + 1), true) - lo >= 4) return lo;
      }
    };
    expect(
      await refusal(
        tampered((v) => {
          const lo = rowWithTwo(v);
          v.setFloat64(valuesAt + 8 * (lo + 1), v.getFloat64(valuesAt + 8 * (lo + 2), true), true);
        }),
      ),
    ).toMatch(/not sorted, finite and apart/);
    // A row's count made odd; offsets going back; a row with numbers but no set; a flag of 2.
    const firstFull = (v: DataView) => {
      for (let k = 0; k < gridRows; k++) {
        if (v.getInt32(offsetsAt + 4 * (k + 1), true) > v.getInt32(offsetsAt + 4 * k, true))
          return k;
      }
      throw new Error('no row with numbers');
    };
    expect(
      await refusal(
        tampered((v) => {
          const k = firstFull(v);
          v.setInt32(offsetsAt + 4 * (k + 1), v.getInt32(offsetsAt + 4 * (k + 1), true) - 1, true);
        }),
      ),
    ).toMatch(/counts or intervals/);
    expect(
      await refusal(tampered((v) => v.setInt32(offsetsAt + 4 * (firstFull(v) + 1), -5, true))),
    ).toMatch(/counts or intervals/);
    expect(await refusal(tampered((v, b) => (b[definedAt + firstFull(v)] = 0)))).toMatch(
      /counts or intervals/,
    );
    expect(await refusal(tampered((v, b) => (b[definedAt + firstFull(v)] = 2)))).toMatch(
      /counts or intervals/,
    );
    expect(await refusal(tampered((v) => v.setInt32(offsetsAt, 2, true)))).toMatch(/unit 0 row 0/);
  });

  it('refuses names that are not JSON strings, a centre not finite, or padding not zero', async () => {
    const { centresAt } = layout();
    expect(await refusal(tampered((_, b) => (b[88] = 0x7b)))).toMatch(/unit names not JSON/);
    expect(await refusal(tampered((_, b) => (b[89] = 0xff)))).toMatch(/unit names not JSON/);
    expect(await refusal(tampered((v) => v.setFloat64(centresAt + 8, NaN, true)))).toMatch(
      /block centre 0 not finite/,
    );
    expect(await refusal(tampered((v) => v.setUint32(84, 1, true)))).toMatch(/padding not zero/);
  });

  it('refuses a file whose units are not the ones given, whatever digest it names', async () => {
    const renamed = tampered((_, b) => {
      const at = b.indexOf(0xe5, 88);
      b.set(new TextEncoder().encode('别'), at);
    });
    expect(readPreparedRows(renamed).ok).toBe(true);
    expect((await prepareCoverageWithFile(shipped(), renamed)).fileRefused).toBe('other units');
  });

  it('refuses an area other than the file says: another row spacing', async () => {
    expect(await refusal(tampered((v) => v.setFloat64(40, -4, true)))).toMatch(/row spacing/);
    const other = tampered((v) => v.setFloat64(40, 8, true));
    expect(readPreparedRows(other).ok).toBe(true);
    expect((await prepareCoverageWithFile(shipped(), other)).fileRefused).toBe(
      'another row spacing',
    );
  });
});

describe('the file format', () => {
  it('reads back what it wrote, for an area of two units', async () => {
    const subdistricts = twoUnits();
    const residential = collection([
      createRectangle(-900, -300, 900, 300),
      createRectangle(-3000, 2000, -2000, 2600),
    ]);
    const rows = await preparedRowsOf(subdistricts, residential);
    const reading = readPreparedRows(encodePreparedRows(rows).buffer);
    if (!reading.ok) throw new Error(reading.reason);
    const { digest, unitRows, unitDefined, blockCentres, ...rest } = reading.rows;
    const { digest: d, unitRows: u, unitDefined: f, blockCentres: c, ...wrote } = rows;
    expect(rest).toEqual(wrote);
    expect([...digest]).toEqual([...d]);
    expect([...unitRows.offsets]).toEqual([...u.offsets]);
    expect([...unitRows.values]).toEqual([...u.values]);
    expect([...unitDefined]).toEqual([...f]);
    expect([...blockCentres]).toEqual([...c]);
    const fromFile = await prepareCoverageWithFile(
      { subdistricts, residential },
      encodePreparedRows(rows).buffer,
    );
    expect(fromFile.fileRefused).toBeNull();
    expect(areaNumbers(fromFile.prepared)).toEqual(
      areaNumbers(prepareCoverage({ subdistricts, residential })),
    );
  });
});
