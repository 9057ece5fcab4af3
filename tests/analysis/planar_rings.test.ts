/**
 * The blocks' rings projected in one loop (`manyPlanarRingsInto`) are the rings and bbox that
 * `toPlanarShape` makes of each geometry, to the last bit: polygons and multipolygons, rings
 * too short to count, rings left open, and shapes that are not polygons at all.
 */
import type { Geometry } from 'geojson';
import { expect, it } from 'vitest';
import { sinusoidalProjection } from '../../src/analysis/local_projection';
import {
  manyPlanarRingsInto,
  planarRingsRoom,
  toPlanarShape,
} from '../../src/analysis/planar_shape';
import { loadShippedLayer as load } from '../shipped_layer';

const projection = sinusoidalProjection(116.35);

function projectedApart(geometries: Geometry[]) {
  const room = { numbers: 0, rings: 0 };
  for (const g of geometries) planarRingsRoom(g, room);
  const out = new Float64Array(room.numbers);
  const ringEnds = new Int32Array(room.rings);
  const shapeRingEnds = new Int32Array(geometries.length);
  const bboxes = new Float64Array(4 * geometries.length);
  const target = {
    out,
    ringEnds,
    number: 0,
    ring: 0,
    bbox: [0, 0, 0, 0] as [number, number, number, number],
  };
  manyPlanarRingsInto(geometries, projection, target, shapeRingEnds, bboxes);
  return geometries.map((_, s) => {
    const rings: number[][] = [];
    for (let r = s > 0 ? shapeRingEnds[s - 1]! : 0; r < shapeRingEnds[s]!; r++) {
      rings.push([...out.subarray(r > 0 ? ringEnds[r - 1]! : 0, ringEnds[r]!)]);
    }
    return { rings, bbox: [...bboxes.subarray(4 * s, 4 * s + 4)] };
  });
}

const shapesOf = (geometries: Geometry[]) =>
  geometries.map((g) => {
    const shape = toPlanarShape(g, projection);
    return { rings: shape.rings, bbox: shape.bbox };
  });

it('gives every residential block the rings and bbox of its planar shape', () => {
  const blocks = load('residential').features.map((f) => f.geometry as Geometry);
  expect(projectedApart(blocks)).toEqual(shapesOf(blocks));
});

it('skips short rings, closes open ones and takes other shapes as planarRingsInto does', () => {
  const open: Geometry = {
    type: 'Polygon',
    coordinates: [
      [
        [116.3, 40.05],
        [116.31, 40.05],
        [116.31, 40.06],
        [116.3, 40.06],
      ],
    ],
  };
  const geometries: Geometry[] = [
    open,
    { type: 'Point', coordinates: [116.4, 40.1] },
    {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [116.32, 40.07],
            [116.33, 40.07],
            [116.32, 40.07],
          ],
        ],
        [
          [
            [116.34, 40.07],
            [116.35, 40.07],
            [116.35, 40.08],
            [116.34, 40.07],
          ],
          [
            [116.341, 40.071],
            [116.349, 40.0715],
            [116.348, 40.079],
            [116.341, 40.071],
          ],
        ],
      ],
    },
    {
      type: 'GeometryCollection',
      geometries: [
        open,
        {
          type: 'LineString',
          coordinates: [
            [116.2, 40],
            [116.25, 40.2],
          ],
        },
      ],
    },
    { type: 'Polygon', coordinates: [] },
  ];
  const apart = projectedApart(geometries);
  expect(apart).toEqual(shapesOf(geometries));
  expect(apart[0]!.rings[0]).toHaveLength(10);
  expect(apart[2]!.rings).toHaveLength(2);
  expect(apart[4]).toEqual({ rings: [], bbox: [Infinity, Infinity, -Infinity, -Infinity] });
});
