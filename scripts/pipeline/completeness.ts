import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { type CompletenessTable, completenessStatus } from '../../src/data/completeness';
import type { AppFeature } from '../../src/data/schema';
import { type Areal, intersection } from './geometry';

export interface LayerCoverage {
  layer: string;
  note: string;
  noteZh: string;
  /** The extents (west, south, east, north) the layer's sources cover; empty: no source. */
  sourceExtents: number[][];
  features: AppFeature[];
  /** Units where the sources are known to lack features (named in the note): at most partial. */
  knownGaps?: string[];
  /** What the pipeline corrected in the layer, why, and from which source. */
  changes?: string[];
}

/** Share of a unit's area that lies inside any of the source extents. */
function coveredShare(unit: Areal, extents: number[][]): number {
  if (extents.length === 0) return 0;
  const boxes = extents.map((b) => turf.bboxPolygon(b as [number, number, number, number]));
  const union =
    boxes.length === 1 ? boxes[0]! : (turf.union(turf.featureCollection(boxes)) as Areal);
  const inside = intersection(unit, union);
  return inside ? turf.area(inside) / turf.area(unit) : 0;
}

/**
 * The completeness table: for every layer and unit, how much of the unit the layer's sources
 * cover, and how many features the unit has.
 */
export function buildCompleteness(
  subdistricts: AppFeature<Polygon | MultiPolygon>[],
  layers: LayerCoverage[],
): CompletenessTable {
  const table: CompletenessTable = {};
  for (const layer of layers) {
    const units: CompletenessTable[string]['units'] = {};
    for (const unit of subdistricts) {
      const share = coveredShare(unit, layer.sourceExtents);
      const status = completenessStatus(share);
      const knownGap = layer.knownGaps?.includes(unit.properties.name) && status === 'covered';
      units[unit.properties.name] = {
        status: knownGap ? 'partial' : status,
        coverage_share: Math.round(share * 100) / 100,
        count: layer.features.filter((f) => f.properties.subdistrict === unit.properties.name)
          .length,
      };
    }
    table[layer.layer] = {
      note: layer.note,
      note_zh: layer.noteZh,
      ...(layer.changes ? { changes: layer.changes } : {}),
      units,
      // Where the layer's facilities are known complete: exactly its sources' boxes.
      known_extent: {
        boxes: layer.sourceExtents.map((box) => box.map((v) => Math.round(v * 1e7) / 1e7)),
        units: [],
      },
    };
  }
  return table;
}
