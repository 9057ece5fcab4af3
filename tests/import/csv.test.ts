import { describe, expect, it } from 'vitest';
import { buildImport, problemMessage, readImportFile } from '../../src/import';
import { createShippedContext, STATIONS } from './context';

const context = createShippedContext();
const encode = (text: string) => new TextEncoder().encode(text);

describe('CSV import', () => {
  it('detects the coordinate columns by name and returns a preview', async () => {
    const csv =
      '\uFEFF名称,车位,经度,纬度\r\n回龙观站停车场,80,116.329755,40.069525\r\n"霍营站, 东侧",45,116.354448,40.069357\r\n';
    const read = await readImportFile(encode(csv), 'parking.csv');
    if (!read.ok || read.kind !== 'table') throw new Error('expected a table');
    expect(read.encoding).toBe('utf-8');
    expect(read.table.columns).toEqual(['名称', '车位', '经度', '纬度']);
    expect(read.table.detected).toEqual({ lon: '经度', lat: '纬度' });
    expect(read.table.preview[1]).toEqual(['霍营站, 东侧', '45', '116.354448', '40.069357']);
    const preview = buildImport(
      read,
      { target: 'car-parks', crs: 'WGS-84', datasetId: 'c1' },
      context,
    );
    if (!preview.ok) throw new Error('expected ok');
    expect(
      preview.layers['car-parks']!.map((f) => [f.properties.name, f.properties.spaces]),
    ).toEqual([
      ['回龙观站停车场', 80],
      ['霍营站, 东侧', 45],
    ]);
  });

  it('detects English column names in any case', async () => {
    const read = await readImportFile(encode('Name;LNG;Lat\nA;116.33;40.07\n'), 'a.csv');
    expect(read.ok && read.kind === 'table' && read.table.detected).toEqual({
      lon: 'LNG',
      lat: 'Lat',
    });
  });

  it('decodes GBK files saved by Excel and says so', async () => {
    // "名称,经度,纬度\n回龙观,116.329755,40.069525\n" in GBK: 名称 = C3 FB B3 C6, 经度 = BE AD B6 C8,
    // 纬度 = CE B3 B6 C8, 回龙观 = BB D8 C1 FA B9 DB.
    const bytes = new Uint8Array([
      0xc3,
      0xfb,
      0xb3,
      0xc6,
      0x2c,
      0xbe,
      0xad,
      0xb6,
      0xc8,
      0x2c,
      0xce,
      0xb3,
      0xb6,
      0xc8,
      0x0a,
      0xbb,
      0xd8,
      0xc1,
      0xfa,
      0xb9,
      0xdb,
      ...encode(',116.329755,40.069525\n'),
    ]);
    const read = await readImportFile(bytes, 'gbk.csv');
    if (!read.ok || read.kind !== 'table') throw new Error('expected a table');
    expect(read.encoding).toBe('gbk');
    expect(read.table.columns).toEqual(['名称', '经度', '纬度']);
    const preview = buildImport(
      read,
      { target: 'healthcare', crs: 'WGS-84', datasetId: 'k' },
      context,
    );
    expect(preview.ok && preview.layers.healthcare![0]!.properties.name).toBe('回龙观');
  });

  it('names the spreadsheet row of a bad number (the header is row 1)', async () => {
    const rows = ['name,lon,lat'];
    for (let i = 0; i < 10; i++) rows.push(`点${i},116.33,40.07`);
    rows.push('坏点,abc,40.07'); // row 12
    rows.push('缺纬度,116.33'); // row 13: ragged
    const read = await readImportFile(encode(rows.join('\n')), 'rows.csv');
    const preview = buildImport(
      read,
      { target: 'healthcare', crs: 'WGS-84', datasetId: 'r' },
      context,
    );
    if (!preview.ok) throw new Error('expected ok');
    expect(preview.total).toBe(12);
    expect(preview.layers.healthcare).toHaveLength(10);
    expect(preview.rejected).toEqual([
      { code: 'csv-bad-number', row: 12, column: 'lon', detail: 'abc', name: '坏点' },
      { code: 'csv-missing-value', row: 13, column: 'lat', name: '缺纬度' },
    ]);
    expect(
      problemMessage({ code: 'csv-bad-number', row: 12, column: '经度', detail: 'abc' }, 'zh'),
    ).toBe('第 12 行：经度 "abc" 不是数字');
    expect(problemMessage(preview.rejected[0]!, 'en')).toBe(
      'Row 12 "坏点": lon "abc" is not a number',
    );
  });

  it('uses the columns the caller chooses, and fails clearly when there are none', async () => {
    const csv = `站名,东,北\n回龙观,${STATIONS.回龙观.join(',')}\n`;
    const read = await readImportFile(encode(csv), 'odd.csv');
    const none = buildImport(
      read,
      { target: 'healthcare', crs: 'WGS-84', datasetId: 'o' },
      context,
    );
    expect(none.ok).toBe(false);
    expect(!none.ok && none.error.code).toBe('csv-no-coordinate-columns');
    const chosen = buildImport(
      read,
      { target: 'healthcare', crs: 'WGS-84', datasetId: 'o', csvColumns: { lon: '东', lat: '北' } },
      context,
    );
    expect(chosen.ok && chosen.layers.healthcare).toHaveLength(1);
  });

  it('reads school levels from a column', async () => {
    const csv = [
      'name,学段,lng,lat',
      `甲,九年一贯制,${STATIONS.回龙观.join(',')}`,
      `乙,完全中学,${STATIONS.霍营.join(',')}`,
      `丙,高中,${STATIONS.龙泽.join(',')}`,
      `丁,幼儿园,${STATIONS.育知路.join(',')}`,
    ].join('\n');
    const preview = buildImport(
      await readImportFile(encode(csv), 's.csv'),
      { target: 'schools', crs: 'WGS-84', datasetId: 's', schoolLevel: 'column' },
      context,
    );
    if (!preview.ok) throw new Error('expected ok');
    expect(
      preview.layers.schools!.map((f) => [f.properties.level, f.properties.serves_levels]),
    ).toEqual([
      ['middle', ['primary', 'middle']],
      ['middle', ['middle']],
      ['other', []],
      ['kindergarten', ['kindergarten']],
    ]);
  });
});
