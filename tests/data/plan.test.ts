import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { geometryProblems } from '../../src/data/check';
import { asLayer } from '../../src/data/load';
import { PROJECT_STATUSES, type PlanTasks } from '../../src/data/plan_tasks';
import { parseTasks } from '../../scripts/pipeline/plan_tasks';
import { measuredStock } from '../../src/analysis/plan_targets';
import type { LayerId } from '../../src/data/layers';

const GEO = join(import.meta.dirname, '../../public/geo');
const tasks = JSON.parse(readFileSync(join(GEO, 'plan-tasks.json'), 'utf8')) as PlanTasks;
const load = (layer: LayerId) =>
  asLayer(layer, JSON.parse(readFileSync(join(GEO, `${layer}.geojson`), 'utf8')));
const projects = asLayer(
  'plan-projects',
  JSON.parse(readFileSync(join(GEO, 'plan-projects.geojson'), 'utf8')),
);

describe('the plan tasks', () => {
  it('has all 23 tasks under six headings, each with its responsible units', () => {
    expect(tasks.headings.map((h) => h.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(tasks.tasks.map((t) => t.number)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    for (const task of tasks.tasks) {
      expect(task.responsible_units.length, `task ${task.number}`).toBeGreaterThan(0);
      expect(task.text.length).toBeGreaterThan(50);
      expect(task.title_en).not.toBe('');
      expect(tasks.headings.map((h) => h.number)).toContain(task.heading);
    }
    expect(tasks.tasks[3]!.responsible_units).toContain('市卫生健康委');
  });

  it('parses a task line and refuses one without 责任单位', () => {
    const text = [
      '二、重点任务',
      '(一)提升公共服务能力',
      '1.增强医疗卫生服务能力。完成某医院二期建设。(责任单位：昌平区政府、市卫生健康委)',
      '三、保障措施',
    ].join('\n');
    const parsed = parseTasks(text);
    expect(parsed.tasks[0]).toMatchObject({
      number: 1,
      heading: 1,
      title: '增强医疗卫生服务能力',
      text: '完成某医院二期建设。',
      responsible_units: ['昌平区政府', '市卫生健康委'],
    });
    expect(() => parseTasks(text.replace('(责任单位：昌平区政府、市卫生健康委)', ''))).toThrow(
      /责任单位/,
    );
  });
});

describe('the plan projects', () => {
  it('each cites its task in the plan’s own words, with a valid status and geometry', () => {
    expect(projects.features.length).toBeGreaterThan(20);
    for (const project of projects.features) {
      const p = project.properties;
      const task = tasks.tasks.find((t) => t.number === p.task);
      expect(task, String(p.id)).toBeDefined();
      expect(task!.text).toContain(p.plan_words);
      expect(PROJECT_STATUSES).toContain(p.status);
      expect(geometryProblems(project), String(p.id)).toEqual([]);
      expect(p.placement_note).toBeTruthy();
    }
  });

  it('places the hospitals of task 4, the Jishuitan site from the health layer', () => {
    const task4 = projects.features.filter((f) => f.properties.task === 4);
    expect(task4.map((f) => f.properties.kind).sort()).toEqual([
      'health-centre',
      'hospital',
      'hospital',
    ]);
    const jishuitan = task4.find((f) => f.properties.name.includes('积水潭'))!;
    expect(jishuitan.properties.accuracy).toBe('surveyed');
    expect(jishuitan.geometry.type).toBe('Polygon');
  });

  it('lists projects no data can place with their task, and the reason', () => {
    const unplaced = tasks.tasks.flatMap((t) => t.unplaced_projects ?? []);
    expect(unplaced.map((p) => p.name)).toContain('市郊铁路东北环线');
    for (const project of unplaced) expect(project.reason).toBeTruthy();
  });
});

describe('the headline targets', () => {
  it('are taken from the plan’s words', () => {
    expect(tasks.targets.map((t) => [t.key, t.value])).toEqual([
      ['roads', 70],
      ['parking', 18000],
      ['school-places', 20000],
      ['hospital-beds', 1800],
      ['commercial-streets', 2],
      ['park-coverage', null],
    ]);
  });

  it('sit beside the existing stock the data can count', () => {
    const stock = measuredStock({
      roads: load('roads'),
      schools: load('schools'),
      carParks: null,
    });
    expect(stock.carParks).toBeNull();
    expect(stock.schools).toBeGreaterThan(30);
    expect(stock.mainRoadsKm).toBeGreaterThan(10);
  });
});
