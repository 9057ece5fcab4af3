import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/analysis/analysis_run';
import { DrawnReceiver, DrawnSender, PREVIEW_PLACES } from '../../src/worker/drawn_collections';

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

  it("leave a preview's served land and gaps with the map: the page keeps what its sources have, and the full result after it is sent whole", () => {
    const sender = new DrawnSender();
    const receiver = new DrawnReceiver();
    const before = receiver.attach(overTheWire(sender.detach(result(square(0), square(1), false))));
    // A drag step: other collections travel as usual; served land and gaps not at all.
    const step = sender.detach(result(square(3), square(4), false), PREVIEW_PLACES);
    expect(step.drawn.served).toBeUndefined();
    expect(step.drawn.gaps).toBeUndefined();
    expect(step.result.geometry.gaps).toBeNull();
    const during = receiver.attach(overTheWire(step), PREVIEW_PLACES);
    expect(during.geometry.served).toBe(before.geometry.served);
    expect(during.geometry.gaps).toBe(before.geometry.gaps);
    // Release at the value the drag started from: nothing to redraw.
    const back = sender.detach(result(square(0), square(1), false));
    expect(back.drawn.served).toBe('same');
    expect(back.drawn.gaps).toBe('same');
    expect(receiver.attach(overTheWire(back)).geometry.gaps).toBe(before.geometry.gaps);
    // Release elsewhere: the new collections are sent, though the preview showed them.
    sender.detach(result(square(3), square(4), false), PREVIEW_PLACES);
    const released = receiver.attach(
      overTheWire(sender.detach(result(square(3), square(4), false))),
    );
    expect(released.geometry.served).toEqual(square(3));
    expect(released.geometry.gaps).toEqual(square(4));
  });
});
