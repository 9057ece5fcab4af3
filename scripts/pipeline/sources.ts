import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, Geometry } from 'geojson';

/** Reads a GeoJSON file from the sources directory, with a clear error when it is missing. */
export function readSourceGeoJson(
  sourcesDir: string,
  relativePath: string,
): FeatureCollection<Geometry, Record<string, unknown>> {
  const path = join(sourcesDir, relativePath);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`source file missing: ${relativePath} (looked in ${sourcesDir})`);
  }
  const parsed = JSON.parse(text) as FeatureCollection<Geometry, Record<string, unknown>>;
  if (parsed.type !== 'FeatureCollection' || !Array.isArray(parsed.features)) {
    throw new Error(`source file is not a GeoJSON FeatureCollection: ${relativePath}`);
  }
  return parsed;
}

export function readSourceText(sourcesDir: string, relativePath: string): string {
  return readFileSync(join(sourcesDir, relativePath), 'utf8');
}

/**
 * Where each source comes from, its licence and the attribution it requires. The keys are the
 * `source` values on features; the app reads this table (public/geo/sources.json) for the map's
 * attribution and the data document.
 */
export const SOURCES = {
  'huitian-boundaries': {
    title: '回天地区街道与社区边界 (2020)',
    origin:
      'public repository jiciqiang/huitian_screen_tmp, data/boundata (ht_jd.json, ht_sq.json)',
    licence: 'none stated',
    attribution: '边界: jiciqiang/huitian_screen_tmp',
    attribution_en: 'Boundaries: jiciqiang/huitian_screen_tmp',
  },
  osm: {
    title: 'OpenStreetMap (via Geofabrik, topprismdata/spatial-decision-intelligence)',
    origin:
      'public repository topprismdata/spatial-decision-intelligence, outputs/huilongguan_demo/huilongguan_landuse_gb50137.geojson (commit 3f448384) and outputs/schools/beijing_school_fences.geojson (commit 130bee5a)',
    licence: 'ODbL-1.0',
    attribution: '© OpenStreetMap contributors',
    attribution_en: '© OpenStreetMap contributors',
  },
  'osm-metro': {
    title:
      'Beijing metro track and stations (OpenStreetMap); line colours from the Beijing rail GTFS feed',
    origin:
      'public repository wangrunji0408/beijing-subway-live-map, commit 12898c7eb9b139b559c63c57ee08e990be9b9d6f, work/data/beijing_subway_lines_wgs84.geojson and beijing_subway_stops_by_line_wgs84.geojson (OSM base 2026-09-09); colours and the 马连洼 terminus from public repository BoyInTheSun/beijing-subway-gtfs (routes.txt, stops.txt)',
    licence: 'ODbL-1.0',
    attribution: '© OpenStreetMap contributors',
    attribution_en: '© OpenStreetMap contributors',
  },
  'school-levels': {
    title: 'School levels of 一贯制 schools, with evidence per school',
    origin:
      'corrections table kept with the sources (school-levels.csv): each row names its evidence (school websites, 新京报 2019, public Changping school tables)',
    licence: 'facts with cited evidence',
    attribution: '学段订正: 见数据说明',
  },
  'hospital-points': {
    title: 'Hospital points (北京清华长庚医院)',
    origin: 'public repository nwjf/hospital, json/hospital.js, commit ba12294d (GCJ-02)',
    licence: 'none stated',
    attribution: '医院点位: nwjf/hospital',
  },
  'baidu-residential': {
    title: 'Baidu residential AOI blocks (unnamed)',
    origin: 'public repository huiyan-fe/mapv, examples/data/beijing-village.json',
    licence: 'BSD-3-Clause (repository)',
    attribution: '居住街区: © Baidu (huiyan-fe/mapv)',
    attribution_en: 'Residential blocks: © Baidu (huiyan-fe/mapv)',
  },
  'primary-schools': {
    title: 'Primary schools of Beijing (points, English names)',
    origin: 'public repository daicongjie/geo, static/keySchool.js and noKeySchool.js',
    licence: 'none stated',
    attribution: '小学点位: daicongjie/geo',
    attribution_en: 'Primary schools: daicongjie/geo',
  },
  'amap-roads': {
    title: 'Main roads from the AMap traffic API (2020-03)',
    origin: 'public repository hjieng/GaodeAPI_homework',
    licence: 'none stated; AMap terms apply',
    attribution: '道路: 高德地图交通态势 (hjieng/GaodeAPI_homework)',
    attribution_en: 'Roads: AMap traffic (hjieng/GaodeAPI_homework)',
  },
  greenways: {
    title: 'Beijing greenway lines',
    origin: 'public repository CalamityXeroc/Beijing-Greenway-System-Visualizer',
    licence: 'none stated',
    attribution: '绿道: CalamityXeroc/Beijing-Greenway-System-Visualizer',
    attribution_en: 'Greenways: CalamityXeroc/Beijing-Greenway-System-Visualizer',
  },
  'action-plan': {
    title: '深入推进回龙观天通苑地区提升发展行动计划(2021—2025年)',
    origin: '北京市人民政府办公厅, 2021-07-02',
    licence: 'public government document',
    attribution: '规划格局: 《回天行动计划(2021—2025年)》示意',
    attribution_en: 'Plan layout: Huitian Action Plan (2021–2025), schematic',
  },
} as const;

export type SourceKey = keyof typeof SOURCES;
