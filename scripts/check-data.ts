/** npm run data:check — validates the committed layers under public/geo (or the given folder). */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { checkLayers, knownFactProblems } from '../src/data/check';
import { LAYER_IDS, type LayerId, PREPARED_ROWS_FILE, layerFileName } from '../src/data/layers';
import type { PlanTasks } from '../src/data/plan_tasks';
import { type SchoolLevelCorrection, parseSchoolLevelCorrections } from '../src/data/school_levels';
import { preparedRowsProblems } from './pipeline/prepared_rows';

const dir = resolve(process.argv[2] ?? 'public/geo');
const layers: Partial<Record<LayerId, FeatureCollection>> = {};
for (const layer of LAYER_IDS) {
  try {
    layers[layer] = JSON.parse(readFileSync(join(dir, layerFileName(layer)), 'utf8'));
  } catch (error) {
    console.error(`${layer}: cannot read ${layerFileName(layer)}: ${(error as Error).message}`);
  }
}
// The corrections table the pipeline applied: its confirmed school levels must be in the data.
const sourcesDir = resolve(process.env.GEO_SOURCES ?? '../shared/geo-sources');
let schoolLevels: SchoolLevelCorrection[] = [];
const levelsProblems: { layer: string; id: string; message: string }[] = [];
try {
  schoolLevels = parseSchoolLevelCorrections(
    readFileSync(join(sourcesDir, 'corrections/school-levels.csv'), 'utf8'),
  );
} catch (error) {
  levelsProblems.push({ layer: 'schools', id: '-', message: (error as Error).message });
}
const problems = [
  ...levelsProblems,
  ...checkLayers(layers),
  ...knownFactProblems(layers, schoolLevels),
];
// Every plan project cites a task the plan has, in the task's own words.
try {
  const plan = JSON.parse(readFileSync(join(dir, 'plan-tasks.json'), 'utf8')) as PlanTasks;
  if (plan.tasks.length !== 23) {
    problems.push({ layer: 'plan-tasks', id: '-', message: `${plan.tasks.length} tasks, not 23` });
  }
  for (const project of layers['plan-projects']?.features ?? []) {
    const p = project.properties as { id: string; task: number; plan_words: string };
    const task = plan.tasks.find((t) => t.number === p.task);
    if (!task) problems.push({ layer: 'plan-projects', id: p.id, message: `no task ${p.task}` });
    else if (!task.text.includes(p.plan_words)) {
      problems.push({
        layer: 'plan-projects',
        id: p.id,
        message: 'plan_words not in the task text',
      });
    }
  }
} catch (error) {
  problems.push({ layer: 'plan-tasks', id: '-', message: (error as Error).message });
}
// The prepared rows: read through the analysis's gate, equal to a fresh preparation.
try {
  const { subdistricts, residential } = layers;
  if (!subdistricts || !residential) throw new Error('no subdistricts or residential layer');
  const file = new Uint8Array(readFileSync(join(dir, PREPARED_ROWS_FILE)));
  for (const message of await preparedRowsProblems(file, subdistricts, residential)) {
    problems.push({ layer: PREPARED_ROWS_FILE, id: '-', message });
  }
} catch (error) {
  problems.push({ layer: PREPARED_ROWS_FILE, id: '-', message: (error as Error).message });
}
for (const p of problems.slice(0, 50)) console.error(`${p.layer} ${p.id}: ${p.message}`);
const total = Object.values(layers).reduce((sum, c) => sum + (c?.features.length ?? 0), 0);
if (problems.length > 0) {
  console.error(`data:check failed: ${problems.length} problems in ${total} features`);
  process.exit(1);
}
console.log(`data:check ok: ${LAYER_IDS.length} layers, ${total} features`);
