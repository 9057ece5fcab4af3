import { describe, expect, it } from 'vitest';
import {
  applyStatusOverrides,
  readStoredStatuses,
  splitVersion1,
  statusKey,
  projectsCsv,
  projectsGeoJson,
} from '../../src/data/project_status';
import type { AppFeature } from '../../src/data/schema';

const project = {
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [116.33, 40.07] },
  properties: {
    id: 'plan-project-4-5',
    name: '积水潭医院回龙观院区二期扩建',
    name_en: 'Jishuitan, phase 2',
    kind: 'hospital',
    task: 4,
    status: 'planned',
    status_date: '2021-07-02',
    status_note: '行动计划',
    plan_words: '完成积水潭医院回龙观院区二期扩建',
    subdistrict: '龙泽园街道',
    source: 'action-plan',
    source_crs: 'WGS-84',
    accuracy: 'surveyed',
  },
} as AppFeature;

describe('project statuses kept locally', () => {
  it('applies a planner’s status and marks it edited', () => {
    const [edited] = applyStatusOverrides([project], {
      'plan-project-4-5': { status: 'completed', date: '2024-12-30', note: '已投用, "二期"' },
    });
    expect(edited!.properties).toMatchObject({
      status: 'completed',
      status_date: '2024-12-30',
      status_edited: true,
    });
    expect(applyStatusOverrides([project], {})[0]).toBe(project);
  });

  it('keeps good stored statuses and names each damaged one by its project', () => {
    const good = { status: 'completed', date: '2024-01-01', note: '' };
    const read = readStoredStatuses([
      [statusKey('a'), JSON.stringify(good)],
      [statusKey('b'), JSON.stringify({ ...good, status: 'demolished' })],
      [statusKey('c'), JSON.stringify({ ...good, date: 'last week' })],
      [statusKey('d'), '{not json'],
      [statusKey('__proto__'), JSON.stringify(good)],
      ['some-other-key', '{not json'],
    ]);
    expect(read.overrides).toEqual({ a: good, ['__proto__']: good });
    expect(Object.getPrototypeOf(read.overrides)).toBe(Object.prototype);
    expect(read.skipped.map((r) => [r.kind, r.name])).toEqual([
      ['project-status', 'b'],
      ['project-status', 'c'],
      ['project-status', 'd'],
    ]);
  });

  it("splits version 1's one object into one text per project, and refuses what is not one", () => {
    expect(splitVersion1('{"a":{"status":"completed"},"b":null}')).toEqual([
      ['a', '{"status":"completed"}'],
      ['b', 'null'],
    ]);
    expect(splitVersion1('{not json')).toBeNull();
    expect(splitVersion1('[1,2]')).toBeNull();
    expect(splitVersion1('7')).toBeNull();
  });

  it('exports CSV with a BOM and quoted cells, and GeoJSON', () => {
    const [edited] = applyStatusOverrides([project], {
      'plan-project-4-5': { status: 'completed', date: '2024-12-30', note: '已投用, "二期"' },
    });
    const csv = projectsCsv([edited!]);
    expect(csv.startsWith('\uFEFFid,task,kind,name')).toBe(true);
    expect(csv).toContain('"已投用, ""二期"""');
    expect(JSON.parse(projectsGeoJson([edited!])).features[0].properties.status).toBe('completed');
  });
});
