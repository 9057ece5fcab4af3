/**
 * The plan's named projects (scripts/data/plan-projects.json) placed on the map: on the
 * project's own site where the data has it, else at the feature the plan ties it to
 * (approximate), or along the road, metro line or greenway it names. Rows that no data can
 * place are kept with their task, unplaced.
 */
import * as turf from '@turf/turf';
import type { Geometry, LineString, MultiLineString } from 'geojson';
import type { LayerId } from '../../src/data/layers';
import type { Accuracy, AppFeature } from '../../src/data/schema';
import type { StudyContext } from './context';
import { createAppFeature } from './context';
import type { PlanTasks, UnplacedProject } from '../../src/data/plan_tasks';

export interface ProjectRow {
  task: number;
  category: string;
  name: string;
  name_en: string;
  plan_words: string;
  plan_stage: 'complete' | 'start';
  place?: {
    feature?: string;
    near?: string;
    road?: string;
    metro_line?: string;
    greenway?: string;
  };
  placement_note: string;
  /** The same note in Chinese, for the Chinese UI. */
  placement_note_zh: string;
}

const PLAN_DATE = '2021-07-02';

/**
 * A short stable hash of a project's name (FNV-1a), so that its id survives rows being
 * added or reordered — statuses a planner records are kept by id.
 */
function nameHash(name: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(name)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

export function buildPlanProjects(
  rows: ProjectRow[],
  tasks: PlanTasks,
  layers: Partial<Record<LayerId, AppFeature[]>>,
  context: StudyContext,
): { features: AppFeature[]; unplaced: Map<number, UnplacedProject[]> } {
  const features: AppFeature[] = [];
  const unplaced = new Map<number, UnplacedProject[]>();
  const byRef = (ref: string) => {
    const [layer, id] = ref.split(':') as [LayerId, string];
    const found = layers[layer]?.find((f) => f.properties.id === id);
    if (!found) throw new Error(`plan project: no feature ${ref}`);
    return found;
  };
  const linesNamed = (layer: LayerId, name: string): Geometry => {
    const parts = (layers[layer] ?? []).filter((f) => f.properties.name === name);
    if (parts.length === 0) throw new Error(`plan project: no ${layer} named ${name}`);
    return {
      type: 'MultiLineString',
      coordinates: parts.flatMap((f) =>
        f.geometry.type === 'LineString'
          ? [(f.geometry as LineString).coordinates]
          : (f.geometry as MultiLineString).coordinates,
      ),
    };
  };
  rows.forEach((row) => {
    const task = tasks.tasks.find((t) => t.number === row.task);
    if (!task) throw new Error(`plan project ${row.name}: no task ${row.task}`);
    if (!task.text.includes(row.plan_words) && !task.title.includes(row.plan_words)) {
      throw new Error(`plan project ${row.name}: "${row.plan_words}" is not in task ${row.task}`);
    }
    if (!row.place) {
      const list = unplaced.get(row.task) ?? [];
      list.push({
        name: row.name,
        name_en: row.name_en,
        category: row.category,
        plan_words: row.plan_words,
        reason: row.placement_note,
        reason_zh: row.placement_note_zh,
      });
      unplaced.set(row.task, list);
      return;
    }
    let geometry: Geometry;
    let accuracy: Accuracy;
    let placedFrom: string;
    const place = row.place;
    if (place.feature) {
      const site = byRef(place.feature);
      geometry = site.geometry;
      accuracy = site.properties.accuracy;
      placedFrom = `${place.feature} (${site.properties.name})`;
    } else if (place.near) {
      const anchor = byRef(place.near);
      geometry = turf.pointOnFeature(anchor).geometry;
      accuracy = 'approximate';
      placedFrom = `${place.near} (${anchor.properties.name})`;
    } else if (place.road) {
      geometry = linesNamed('roads', place.road);
      accuracy = 'approximate';
      placedFrom = `roads: ${place.road}`;
    } else if (place.metro_line) {
      geometry = linesNamed('metro-lines', place.metro_line);
      accuracy = 'schematic';
      placedFrom = `metro-lines: ${place.metro_line}`;
    } else if (place.greenway) {
      geometry = linesNamed('greenways', place.greenway);
      accuracy = 'approximate';
      placedFrom = `greenways: ${place.greenway}`;
    } else throw new Error(`plan project ${row.name}: empty place`);
    features.push(
      createAppFeature(
        geometry,
        {
          id: `plan-project-${row.task}-${nameHash(row.name)}`,
          name: row.name,
          name_en: row.name_en,
          kind: row.category,
          task: row.task,
          plan_words: row.plan_words,
          plan_stage: row.plan_stage,
          status: 'planned',
          status_date: PLAN_DATE,
          status_note:
            row.plan_stage === 'complete'
              ? `行动计划（${PLAN_DATE}）：2025年前完成`
              : `行动计划（${PLAN_DATE}）：2025年前启动`,
          placed_from: placedFrom,
          placement_note: row.placement_note,
          placement_note_zh: row.placement_note_zh,
          source: 'action-plan',
          source_crs: 'WGS-84',
          accuracy,
        },
        context,
      ),
    );
  });
  return { features, unplaced };
}
