import { hasEnglishOnlyName } from '../data/name_note';
import type { Feature, Geometry } from 'geojson';
import type { LocalProjection } from './local_projection';
import { type BlockSite, distanceSummary, nearestFacilities } from './nearest_facility';
import { toPlanarShape } from './planar_shape';

export interface CatchmentBlock {
  blockId: string;
  schoolId: string;
  distanceM: number;
}

export interface SchoolCatchment {
  schoolId: string;
  schoolName: string;
  /** The source gives only an English name. */
  englishOnlyName: boolean;
  blocks: number;
  residentialAreaM2: number;
  /** Area-weighted mean of block distances, metres. */
  meanDistanceM: number | null;
  maxDistanceM: number | null;
}

/**
 * Nearest-school allocation: every residential block in the seven units goes to the school
 * of the level nearest to its centre (schools outside the boundary included — they serve
 * residents too). Schools that win no block are listed with zero blocks.
 */
export function schoolCatchments(
  sites: BlockSite[],
  schools: Feature<Geometry, Record<string, unknown>>[],
  projection: LocalProjection,
): { blocks: CatchmentBlock[]; schools: SchoolCatchment[] } {
  const inArea = sites.filter((s) => s.unit !== null);
  const nearest = nearestFacilities(
    inArea,
    schools.map((s) => toPlanarShape(s.geometry, projection)),
  );
  const perSchool = schools.map(() => [] as { areaM2: number; distanceM: number }[]);
  const blocks: CatchmentBlock[] = [];
  nearest.forEach(({ index, distanceM }, i) => {
    if (index < 0) return;
    perSchool[index]!.push({ areaM2: inArea[i]!.areaM2, distanceM });
    blocks.push({
      blockId: inArea[i]!.id,
      schoolId: String(schools[index]!.properties.id),
      distanceM,
    });
  });
  return {
    blocks,
    schools: schools.map((school, i) => ({
      schoolId: String(school.properties.id),
      schoolName: String(school.properties.name ?? ''),
      englishOnlyName: hasEnglishOnlyName(school.properties),
      blocks: perSchool[i]!.length,
      residentialAreaM2: perSchool[i]!.reduce((s, e) => s + e.areaM2, 0),
      ...distanceSummary(perSchool[i]!),
    })),
  };
}
