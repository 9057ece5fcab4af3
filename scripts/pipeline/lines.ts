import * as turf from '@turf/turf';
import type { FeatureCollection, Geometry, LineString, MultiLineString, Position } from 'geojson';
import { toWgs84 } from '../../src/data/crs';
import type { AppFeature } from '../../src/data/schema';
import { type StudyContext, createAppFeature } from './context';
import { mapPositions } from './geometry';

type Raw = FeatureCollection<Geometry, Record<string, unknown>>;

/** Clips a line to the map rectangle and returns its parts of two or more vertices. */
function clipLine(
  geometry: LineString | MultiLineString,
  bbox: [number, number, number, number],
): Position[][] {
  const lines = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
  return lines.flatMap((coordinates) => {
    const clipped = turf.bboxClip(turf.lineString(coordinates), bbox).geometry;
    const parts =
      clipped.type === 'MultiLineString'
        ? clipped.coordinates
        : [clipped.coordinates as Position[]];
    return parts.filter((p) => p.length >= 2);
  });
}

/** The road class, read from the road's Chinese name. */
export function roadKind(name: string): 'expressway' | 'ring_road' | 'service_road' | 'arterial' {
  if (name.includes('辅路')) return 'service_road';
  if (name.includes('高速')) return 'expressway';
  if (/环$/.test(name)) return 'ring_road';
  return 'arterial';
}

/** Named main roads from the AMap traffic source, clipped to the map rectangle. */
export function buildRoads(raw: Raw, context: StudyContext): AppFeature<LineString>[] {
  const result: AppFeature<LineString>[] = [];
  raw.features.forEach((feature, index) => {
    const name = String(feature.properties.name ?? '');
    clipLine(feature.geometry as LineString, context.clipBbox).forEach((part, partIndex) => {
      result.push(
        createAppFeature(
          { type: 'LineString', coordinates: part },
          {
            id: `road-amap-${index}-${partIndex}`,
            name,
            kind: roadKind(name),
            length_m: Math.round(turf.length(turf.lineString(part), { units: 'meters' })),
            source: 'amap-roads',
            source_crs: 'GCJ-02',
            accuracy: 'approximate',
          },
          context,
        ),
      );
    });
  });
  return result;
}

/** Greenway lines, converted from GCJ-02 and clipped to the map rectangle. */
export function buildGreenways(
  files: { name: string; collection: Raw }[],
  context: StudyContext,
): AppFeature<LineString>[] {
  const result: AppFeature<LineString>[] = [];
  for (const { name, collection } of files) {
    collection.features.forEach((feature, index) => {
      const converted = mapPositions(feature.geometry as LineString | MultiLineString, (p) =>
        toWgs84(p, 'GCJ-02'),
      );
      clipLine(converted, context.clipBbox).forEach((part, partIndex) => {
        result.push(
          createAppFeature(
            { type: 'LineString', coordinates: part },
            {
              id: `greenway-${name}-${index}-${partIndex}`,
              name,
              kind: 'greenway',
              length_m: Math.round(turf.length(turf.lineString(part), { units: 'meters' })),
              source: 'greenways',
              source_crs: 'GCJ-02',
              accuracy: 'approximate',
            },
            context,
          ),
        );
      });
    });
  }
  return result;
}
