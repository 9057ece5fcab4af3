import type { Scenario, ScenarioEdit } from './scenario';

/**
 * One change a planner makes to a scenario, as data: it crosses to the worker that applies it
 * to the stored copy, and it is applied the same way to this tab's copy. Each carries its time,
 * so that applied in both places it gives the same scenario.
 */
export type ScenarioChange =
  /** A new scenario, or one taken whole (a duplicate, a scenario file). */
  | { kind: 'put'; scenario: Scenario }
  | { kind: 'rename'; name: string; updatedAt: string }
  | { kind: 'delete' }
  | { kind: 'add-edit'; edit: ScenarioEdit; updatedAt: string }
  | { kind: 'remove-edit'; editId: string; updatedAt: string };

/**
 * The scenario after the change; null when there is none (deleted, or a change to a scenario
 * that is gone). Applying a change twice gives what applying it once gives (an edit already
 * there is not added again), so a change repeated after a worker that failed is harmless.
 */
export function applyScenarioChange(
  scenario: Scenario | null,
  change: ScenarioChange,
): Scenario | null {
  switch (change.kind) {
    case 'put':
      return change.scenario;
    case 'delete':
      return null;
    case 'rename':
      return scenario && { ...scenario, name: change.name, updatedAt: change.updatedAt };
    case 'add-edit': {
      if (!scenario) return null;
      if (scenario.edits.some((e) => e.id === change.edit.id)) return scenario;
      return { ...scenario, edits: [...scenario.edits, change.edit], updatedAt: change.updatedAt };
    }
    case 'remove-edit': {
      if (!scenario) return null;
      if (!scenario.edits.some((e) => e.id === change.editId)) return scenario;
      const edits = scenario.edits.filter((e) => e.id !== change.editId);
      return { ...scenario, edits, updatedAt: change.updatedAt };
    }
  }
}
