/** public/geo/plan-tasks.json: the action plan's six headings and 23 tasks. */
export interface PlanHeading {
  number: number;
  title: string;
  title_en: string;
}

export interface UnplacedProject {
  name: string;
  name_en: string;
  category: string;
  plan_words: string;
  /** Why the project is not on the map. */
  reason: string;
  reason_zh: string;
}

export interface PlanTask {
  number: number;
  heading: number;
  title: string;
  title_en: string;
  /** The plan's words for the task, without the title and the responsible units. */
  text: string;
  responsible_units: string[];
  /** Named projects of the task that no data can place. */
  unplaced_projects?: UnplacedProject[];
}

export interface PlanTasks {
  source: 'action-plan';
  headings: PlanHeading[];
  tasks: PlanTask[];
  targets: PlanTarget[];
}

export const PROJECT_STATUSES = ['planned', 'started', 'completed', 'unknown'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** A headline 2025 target of the plan, in the plan's words. */
export interface PlanTarget {
  key:
    | 'roads'
    | 'parking'
    | 'school-places'
    | 'hospital-beds'
    | 'commercial-streets'
    | 'park-coverage';
  /** The number the plan sets, or null for a ranking ("among the best in Beijing"). */
  value: number | null;
  unit: string;
  plan_words: string;
}
