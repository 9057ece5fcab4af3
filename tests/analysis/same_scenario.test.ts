import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/analysis/scenario';
import { sameScenario } from '../../src/analysis/same_scenario';

/**
 * Whether two copies of a scenario say the same: what a tab asks before it replaces the copy it
 * shows with a stored or another tab's one (an equal copy keeps the shown one, so the analysis
 * does not run again). Copies that cross to a worker and back are equal but not the same
 * objects; every field of the file form counts.
 */
const NOW = '2026-12-07T00:00:00.000Z';
const scenario = (): Scenario => ({
  id: 's',
  name: '方案',
  createdAt: NOW,
  updatedAt: NOW,
  edits: [
    {
      id: 'p',
      type: 'add-park',
      name: '规划公园 1',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [116.4, 40.07],
            [116.41, 40.07],
            [116.41, 40.08],
            [116.4, 40.07],
          ],
        ],
      },
    },
    {
      id: 'k',
      type: 'add-school',
      name: '规划小学 1',
      level: 'primary',
      geometry: { type: 'Point', coordinates: [116.42, 40.07] },
    },
    {
      id: 'c',
      type: 'add-car-park',
      name: '规划停车场 1',
      spaces: 100,
      geometry: { type: 'Point', coordinates: [116.43, 40.07] },
    },
    { id: 'r', type: 'remove', layer: 'parks', featureId: 'park-osm-6', name: '回龙园' },
  ],
});

/** A copy of the scenario with one thing changed by `change`. */
function changed(change: (s: Scenario) => void): Scenario {
  const copy = structuredClone(scenario());
  change(copy);
  return copy;
}

describe('two copies of a scenario', () => {
  it('are the same when equal, as a copy that crossed to a worker and back is', () => {
    expect(sameScenario(scenario(), structuredClone(scenario()))).toBe(true);
    expect(sameScenario(null, null)).toBe(true);
    expect(sameScenario(scenario(), null)).toBe(false);
  });

  it('differ in any field of the scenario or of an edit, and in the order of the edits', () => {
    const edit = <T>(s: Scenario, i: number) => s.edits[i] as T;
    const differences: [string, Scenario][] = [
      ['name', changed((s) => (s.name = '方案 2'))],
      ['id', changed((s) => (s.id = 't'))],
      ['createdAt', changed((s) => (s.createdAt = '2026-12-06T00:00:00.000Z'))],
      ['updatedAt', changed((s) => (s.updatedAt = '2026-12-07T00:00:00.001Z'))],
      ['order', changed((s) => s.edits.reverse())],
      ['an edit fewer', changed((s) => s.edits.pop())],
      ['an edit name', changed((s) => (s.edits[1]!.name = '规划小学 2'))],
      ['an edit id', changed((s) => (s.edits[1]!.id = 'k2'))],
      [
        'a park vertex by 1e-9',
        changed((s) => {
          edit<{ geometry: { coordinates: number[][][] } }>(s, 0).geometry.coordinates[0]![1]![0] =
            116.410000001;
        }),
      ],
      [
        'a park vertex fewer',
        changed((s) => {
          edit<{ geometry: { coordinates: number[][][] } }>(s, 0).geometry.coordinates[0]!.splice(
            1,
            1,
          );
        }),
      ],
      ['a school level', changed((s) => (edit<{ level: string }>(s, 1).level = 'middle'))],
      [
        'a school position',
        changed(
          (s) =>
            (edit<{ geometry: { coordinates: number[] } }>(s, 1).geometry.coordinates = [
              116.42, 40.071,
            ]),
        ),
      ],
      ['car-park spaces', changed((s) => (edit<{ spaces: number }>(s, 2).spaces = 101))],
      ['a removal layer', changed((s) => (edit<{ layer: string }>(s, 3).layer = 'schools'))],
      ['a removal feature', changed((s) => (edit<{ featureId: string }>(s, 3).featureId = 'x'))],
    ];
    for (const [what, other] of differences) {
      expect([what, sameScenario(scenario(), other)]).toEqual([what, false]);
      expect([what, sameScenario(other, scenario())]).toEqual([what, false]);
    }
  });
});
