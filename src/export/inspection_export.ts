import { FACILITY_GROUPS } from '../analysis/facility_index';
import { type Inspection, walkingMinutes } from '../analysis/inspection';
import { type ExportContext, attributionLine } from './analysis_export';
import { csvDocument } from './csv';

/** The inspection panel's list: every facility in the circle, then the nearest outside it. */
export function inspectionCsv(
  inspection: Inspection,
  walkingSpeed: number,
  context: ExportContext,
): string {
  const rows: unknown[][] = [];
  for (const group of FACILITY_GROUPS) {
    for (const hit of inspection.within[group]) {
      rows.push(row(group, hit, 'inside', walkingSpeed));
    }
    const nearest = inspection.nearest[group];
    if (inspection.within[group].length === 0 && nearest) {
      rows.push(row(group, nearest, 'nearest-outside', walkingSpeed));
    }
  }
  return csvDocument(
    [
      `回天地图 point inspection at ${inspection.lonLat.join(',')} within ${inspection.radiusM} m`,
      `generated ${context.generatedAt}`,
      `walking speed ${walkingSpeed} m/min (estimate from straight-line distance)`,
      `sources ${attributionLine(context)}`,
    ],
    ['group', 'where', 'name', 'id', 'layer', 'distance_m', 'walking_min'],
    rows,
  );
}

function row(
  group: string,
  hit: Inspection['within'][keyof Inspection['within']][number],
  where: string,
  walkingSpeed: number,
): unknown[] {
  return [
    group,
    where,
    hit.facility.name,
    hit.facility.id,
    hit.facility.layer,
    Math.round(hit.distanceM),
    walkingMinutes(hit.distanceM, walkingSpeed),
  ];
}
