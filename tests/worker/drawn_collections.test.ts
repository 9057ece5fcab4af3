import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/analysis/analysis_run';
import { DrawnReceiver, DrawnSender } from '../../src/worker/drawn_collections';

const square = (x: number): FeatureCollection => ({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { kind: 'gap' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [x, 0],
            [x + 1, 0],
            [x + 1, 1],
            [x, 0],
          ],
        ],
      },
    },
  ],
});

function result(served: FeatureCollection, gaps: FeatureCollection, withScenario: boolean) {
  return {
    request: { tab: 'parks' },
    rows: [{ name: 'A', residentialAreaM2: 10, figures: { parks: { coveredM2: 5, share: 0.5 } } }],
    geometry: { served, gaps, catchments: null },
    catchments: null,
    parking: null,
    scenarios: withScenario
      ? [
          {
            scenarioId: 's',
            scenarioName: 'S',
            rows: [],
            newlyServed: square(7),
            lostService: square(8),
          },
        ]
      : [],
  } as unknown as AnalysisResult;
}

/** Through structured cloning, as between the worker and the page. */
const overTheWire = <T>(value: T): T => structuredClone(value);

describe('map collections between the worker and the page', () => {
  it('arrive equal to what the worker built, as text, and unchanged ones keep their object', () => {
    const sender = new DrawnSender();
    const receiver = new DrawnReceiver();
    const first = result(square(0), square(1), true);
    const sent = sender.detach(first);
    expect(sent.result.geometry.served).toBeNull();
    expect(typeof (sent.drawn.served as { text: string }).text).toBe('string');
    const got = receiver.attach(overTheWire(sent));
    expect(got.geometry.served).toEqual(square(0));
    expect(got.geometry.gaps).toEqual(square(1));
    expect(got.geometry.catchments).toBeNull();
    expect(got.scenarios![0]!.newlyServed).toEqual(square(7));
    expect(got.rows).toEqual(first.rows);
    // The worker's own result is left whole.
    expect(first.geometry.served).toEqual(square(0));

    // Only the gaps change: the served land keeps its object, so the map leaves it alone.
    const second = sender.detach(result(square(0), square(2), true));
    expect(second.drawn.served).toBe('same');
    expect(second.drawn.gaps).not.toBe('same');
    const next = receiver.attach(overTheWire(second));
    expect(next.geometry.served).toBe(got.geometry.served);
    expect(next.geometry.gaps).toEqual(square(2));
    expect(next.geometry.gaps).not.toBe(got.geometry.gaps);
    expect(next.scenarios![0]!.lostService).toBe(got.scenarios![0]!.lostService);

    // A place that empties and fills again is sent again.
    const third = receiver.attach(overTheWire(sender.detach(result(square(0), square(2), false))));
    expect(third.scenarios).toEqual([]);
    const fourth = receiver.attach(overTheWire(sender.detach(result(square(0), square(2), true))));
    expect(fourth.scenarios![0]!.newlyServed).toEqual(square(7));
  });
});
