import { describe, expect, it } from 'vitest';
import { prepareArea, reachRows } from '../../../src/analysis/rows/row_coverage';
import { seededRandom as random } from '../../../scripts/bench/seeded_random';
import { createPoint, createRectangle } from '../fixtures';

describe('reach of thousands of facilities on the same rows', () => {
  it('is the union of every car park’s disc, row by row', () => {
    const unit = createRectangle(-2000, -500, 2000, 500, { name: '甲街道' });
    const block = createRectangle(-1500, -20, 1500, 20);
    const prepared = prepareArea([unit] as never, [block], 4);
    const next = random(7);
    const radiusM = 15;
    // 6,000 discs over 10 rows: each row meets thousands, far more than one merge holds.
    const parks = Array.from({ length: 6000 }, () =>
      createPoint(-1600 + next() * 3200, -20 + next() * 40),
    );
    const reach = reachRows(
      prepared,
      parks.map((p) => ({ geometry: p.geometry, radiusM })),
    );
    const centres = parks.map((p) => prepared.projection.forward(p.geometry.coordinates));
    let rowsChecked = 0;
    for (let k = 0; k < prepared.grid.count; k++) {
      if (!prepared.wantedRows[k]) continue;
      const y = prepared.grid.y0 + (k + 0.5) * prepared.grid.spacingM;
      // Each disc's chord on the row, sorted by start and joined where they meet.
      const chords = centres
        .filter(([, cy]) => Math.abs(y - cy!) <= radiusM)
        .map(([cx, cy]) => {
          const half = Math.sqrt(Math.max(0, radiusM * radiusM - (y - cy!) ** 2));
          return [cx! - half, cx! + half] as const;
        })
        .sort((a, b) => a[0] - b[0]);
      const union: number[] = [];
      for (const [s, e] of chords) {
        if (union.length > 0 && s <= union[union.length - 1]!)
          union[union.length - 1] = Math.max(union[union.length - 1]!, e);
        else union.push(s, e);
      }
      expect(chords.length).toBeGreaterThan(2048);
      expect(reach[k]).toEqual(union);
      rowsChecked++;
    }
    expect(rowsChecked).toBeGreaterThanOrEqual(9);
  });
});
