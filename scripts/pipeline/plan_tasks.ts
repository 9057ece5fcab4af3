/**
 * The action plan's 23 tasks, parsed from the plan's own text: the six headings of
 * 二、重点任务, each task's title, text and responsible units (责任单位).
 */
import type { PlanHeading, PlanTarget, PlanTask, PlanTasks } from '../../src/data/plan_tasks';

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** English titles, kept beside the parser: the plan has no English version. */
export const HEADING_TITLES_EN = [
  'Regional service functions',
  'Public services',
  'Transport and municipal infrastructure',
  'Living environment',
  'Economic vitality',
  '“回天有我” community governance',
];

export const TASK_TITLES_EN = [
  'Build the “one axis, one belt, two corridors” layout',
  'Embed distinctive functional clusters',
  'Raise the quality of education',
  'Strengthen medical and health services',
  'Enrich public culture services',
  'Improve public sport services',
  'Complete elderly, disability and childcare services',
  'Complete the road network',
  'Lead urban development with rail transit',
  'Improve green travel',
  'Ease parking shortage',
  'Strengthen utilities and disaster resilience',
  'Make park-like urban blocks',
  'Deepen order and enforcement campaigns',
  'Renew neighbourhoods',
  'Lead new consumption',
  'Build innovation communities',
  'Link with neighbouring areas',
  'Strengthen Party-building leadership',
  'Deepen report-for-service work',
  'Strengthen participation of many parties',
  'Expand residents’ co-governance',
  'Strengthen technological support',
];

export function parsePlanTasks(planText: string): PlanTasks {
  return { source: 'action-plan', ...parseTasks(planText), targets: planTargets(planText) };
}

/** The six headings of 二、重点任务 and the tasks under them. */
export function parseTasks(planText: string): Pick<PlanTasks, 'headings' | 'tasks'> {
  const lines = planText.split(/\r?\n/).map((l) => l.replace(/^[\s\u3000]+/, '').trim());
  const start = lines.findIndex((l) => l.startsWith('二、重点任务'));
  const end = lines.findIndex((l) => l.startsWith('三、保障措施'));
  if (start < 0 || end < start) throw new Error('plan text: section 二、重点任务 not found');
  const headings: PlanHeading[] = [];
  const tasks: PlanTask[] = [];
  for (const line of lines.slice(start + 1, end)) {
    const heading = line.match(/^[(（]([一二三四五六七八九十])[)）](.+)$/);
    if (heading) {
      const number = CHINESE_NUMERALS.indexOf(heading[1]!) + 1;
      headings.push({
        number,
        title: heading[2]!.trim(),
        title_en: HEADING_TITLES_EN[number - 1] ?? '',
      });
      continue;
    }
    const task = line.match(/^(\d+)\.([^。]+)。(.*)$/);
    if (!task) continue;
    const number = Number(task[1]);
    const body = task[3]!;
    const units = body.match(/[(（]责任单位[:：]([^)）]+)[)）]\s*$/);
    if (!units) throw new Error(`plan text: task ${number} has no 责任单位`);
    tasks.push({
      number,
      heading: headings.at(-1)?.number ?? 0,
      title: task[2]!.trim(),
      title_en: TASK_TITLES_EN[number - 1] ?? '',
      text: body.slice(0, units.index).trim(),
      responsible_units: units[1]!
        .split(/[、，,]/)
        .map((u) => u.trim())
        .filter(Boolean),
    });
  }
  return { headings, tasks };
}

/** The headline targets; each must be found in the plan's words, or parsing fails. */
const TARGET_PATTERNS: [PlanTarget['key'], RegExp, string][] = [
  ['roads', /建设道路里程(\d+)公里以上/, 'km'],
  ['parking', /新增各类停车位(\d+)个/, 'spaces'],
  ['school-places', /新增幼儿园和中小学学位(\d+)个以上/, 'places'],
  ['hospital-beds', /医疗床位(\d+)张/, 'beds'],
  ['commercial-streets', /新增(\d+)个特色商业街区/, 'streets'],
  ['park-coverage', /确保公园绿地500米服务半径覆盖率位居全市前列/, 'rank'],
];

export function planTargets(planText: string): PlanTarget[] {
  return TARGET_PATTERNS.map(([key, pattern, unit]) => {
    const match = planText.match(pattern);
    if (!match) throw new Error(`plan text: target ${key} not found`);
    return { key, value: match[1] ? Number(match[1]) : null, unit, plan_words: match[0] };
  });
}
