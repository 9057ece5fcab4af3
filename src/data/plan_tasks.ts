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
}

export const PROJECT_STATUSES = ['planned', 'started', 'completed', 'unknown'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
