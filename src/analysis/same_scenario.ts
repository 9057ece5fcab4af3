import type { Geometry, Position } from 'geojson';
import type { Scenario, ScenarioEdit } from './scenario';

/**
 * True when both are absent, or say the same in their file form (`scenarioToGeoJson`): the same
 * id, name, times and edits in order, each with the same fields and positions. Compared field
 * by field, without writing either out: a tab asks this of each stored answer and each other
 * tab's copy, and a park of 99,000 vertices written out twice as JSON took about 40 ms of the
 * page's thread, where comparing its numbers takes about a millisecond.
 */
export function sameScenario(a: Scenario | null, b: Scenario | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return (
    a.id === b.id &&
    a.name === b.name &&
    a.createdAt === b.createdAt &&
    a.updatedAt === b.updatedAt &&
    a.edits.length === b.edits.length &&
    a.edits.every((edit, i) => sameEdit(edit, b.edits[i]!))
  );
}

function sameEdit(a: ScenarioEdit, b: ScenarioEdit): boolean {
  if (a === b) return true;
  if (a.type !== b.type || a.id !== b.id || a.name !== b.name) return false;
  switch (a.type) {
    case 'remove':
      return b.type === 'remove' && a.layer === b.layer && a.featureId === b.featureId;
    case 'add-school':
      return b.type === 'add-school' && a.level === b.level && sameGeometry(a.geometry, b.geometry);
    case 'add-car-park':
      return (
        b.type === 'add-car-park' && a.spaces === b.spaces && sameGeometry(a.geometry, b.geometry)
      );
    case 'add-park':
      return b.type === 'add-park' && sameGeometry(a.geometry, b.geometry);
  }
}

function sameGeometry(a: Geometry, b: Geometry): boolean {
  if (a === b) return true;
  if (a.type === 'Point' && b.type === 'Point') return samePosition(a.coordinates, b.coordinates);
  if (a.type !== 'Polygon' || b.type !== 'Polygon') return false;
  const [ringsA, ringsB] = [a.coordinates, b.coordinates];
  if (ringsA.length !== ringsB.length) return false;
  return ringsA.every((ring, r) => {
    const other = ringsB[r]!;
    return ring.length === other.length && ring.every((p, i) => samePosition(p, other[i]!));
  });
}

function samePosition(a: Position, b: Position): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
