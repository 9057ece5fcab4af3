/**
 * npm run data:prepare — turns the raw sources (GEO_SOURCES, default ../shared/geo-sources)
 * into the layers the app serves under public/geo/.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as turf from '@turf/turf';
import type { FeatureCollection, LineString } from 'geojson';
import { type LayerId, PREPARED_ROWS_FILE, layerFileName } from '../src/data/layers';
import type { AppFeature } from '../src/data/schema';
import {
  buildCommunities,
  buildStudyArea,
  buildSubdistricts,
  membershipDisagreements,
} from './pipeline/boundaries';
import { buildCompleteness, type LayerCoverage } from './pipeline/completeness';
import type { StudyContext } from './pipeline/context';
import { writeDataDocument } from './pipeline/data_document';
import { buildGreenways, buildRoads } from './pipeline/lines';
import {
  type MetroInputs,
  buildMetroLines,
  buildMetroStations,
  parseRoutes,
  parseStations,
} from './pipeline/metro';
import { buildParks } from './pipeline/parks';
import { buildPlanLayout } from './pipeline/plan_layout';
import { preparedRowsFile } from './pipeline/prepared_rows';
import { type ProjectRow, buildPlanProjects } from './pipeline/plan_projects';
import { parsePlanTasks } from './pipeline/plan_tasks';
import { buildResidential } from './pipeline/residential';
import { buildHealthcare, buildHospitalPoints, buildSchools } from './pipeline/schools';
import { parseSchoolLevelCorrections } from '../src/data/school_levels';
import { SOURCES, readSourceGeoJson, readSourceText } from './pipeline/sources';

/** Facilities this far outside the seven units still serve residents inside them. */
const FACILITY_MARGIN_METERS = 1500;
/** Line layers (roads, metro, greenways) are kept within this margin, for map context. */
const LINE_MARGIN_DEGREES = 0.03;

const sourcesDir = resolve(process.env.GEO_SOURCES ?? '../shared/geo-sources');
/** The plan's named projects, one row each, kept with the code. */
const PLAN_PROJECTS_PATH = resolve(import.meta.dirname, 'data/plan-projects.json');
/** The action plan's text, for its task list. */
const planTextPath = resolve(process.env.PLAN_TEXT ?? '../shared/seed/action-plan-2021-2025.txt');
const outDir = resolve(process.argv[2] ?? 'public/geo');

/**
 * The area the OSM extract covers. Its source cuts it on the east (the 天通苑 side): features
 * crossing the cut were kept whole, so the cut lies at the easternmost point where any of its
 * features begins, not at the far end of those that run on. The other sides are the
 * features' bounds.
 */
function osmExtractExtent(...collections: FeatureCollection[]): number[] {
  const boxes = collections.flatMap((c) => c.features.map((f) => turf.bbox(f)));
  return [
    Math.min(...boxes.map((b) => b[0]!)),
    Math.min(...boxes.map((b) => b[1]!)),
    Math.max(...boxes.map((b) => b[0]!)),
    Math.max(...boxes.map((b) => b[3]!)),
  ];
}

async function main(): Promise<void> {
  const read = (path: string) => readSourceGeoJson(sourcesDir, path);
  const rawSubdistricts = read('huitian/subdistricts.geojson');
  const subdistricts = buildSubdistricts(rawSubdistricts);
  const { area, extent } = buildStudyArea(subdistricts, FACILITY_MARGIN_METERS);
  const [w, s, e, n] = turf.bbox(area);
  const context: StudyContext = {
    subdistricts: turf.featureCollection(
      subdistricts.map((f) => turf.feature(f.geometry, { name: f.properties.name })),
    ),
    extent,
    extentBbox: turf.bbox(extent),
    clipBbox: [
      w - LINE_MARGIN_DEGREES,
      s - LINE_MARGIN_DEGREES,
      e + LINE_MARGIN_DEGREES,
      n + LINE_MARGIN_DEGREES,
    ],
  };

  const parksGreen = read('osm-huilongguan/parks_green.geojson');
  const landuseMore = read('osm-huilongguan/landuse-more.geojson');
  const schoolsHospitals = read('osm-huilongguan/schools_hospitals.geojson');
  const residentialNamed = read('osm-huilongguan/residential_named.geojson');
  const schoolFences = read('osm-schools/school-fences.geojson');
  const baiduBlocks = read('baidu-residential/residential-blocks.geojson');
  const primaryPoints = read('schools-primary/primary-schools.geojson');
  const rawRoads = read('amap-roads/roads.geojson');

  const communities = buildCommunities(read('huitian/communities.geojson'), context.subdistricts);
  const residential = buildResidential(residentialNamed, baiduBlocks, context);
  const parks = buildParks(parksGreen, landuseMore, context);
  const schoolLevels = parseSchoolLevelCorrections(
    readSourceText(sourcesDir, 'corrections/school-levels.csv'),
  );
  const schools = buildSchools(
    schoolFences,
    schoolsHospitals,
    landuseMore,
    primaryPoints,
    schoolLevels,
    context,
  );
  const healthcare = [
    ...buildHealthcare(schoolsHospitals, context),
    ...buildHospitalPoints(read('corrections/hospitals.geojson'), context),
  ];
  const metro: MetroInputs = {
    lines: read('metro-osm/metro-lines-osm.geojson'),
    stations: read('metro-osm/metro-stations-osm.geojson'),
    routes: parseRoutes(readSourceText(sourcesDir, 'subway/routes.txt')),
    gtfsStations: parseStations(readSourceText(sourcesDir, 'subway/stops.txt')),
  };
  const metroStations = buildMetroStations(metro, context);
  const metroLines = buildMetroLines(metro, metroStations, context);
  const roads = buildRoads(rawRoads, context);
  const greenwayFiles = readdirSync(join(sourcesDir, 'greenways'))
    .filter((f) => f.endsWith('.geojson'))
    .sort()
    .map((f) => ({ name: f.replace(/\.geojson$/, ''), collection: read(`greenways/${f}`) }));
  const greenways = buildGreenways(greenwayFiles, context);
  const planLayout = buildPlanLayout(
    { area, roads, metroStations, metroLines, parks, communities, landuseMore },
    context,
  );

  const layers: Record<LayerId, AppFeature[]> = {
    subdistricts,
    communities,
    residential,
    parks,
    schools,
    healthcare,
    // No source has public car parks: the layer ships empty and fills from imported data.
    'car-parks': [],
    'metro-stations': metroStations,
    'metro-lines': metroLines as AppFeature<LineString>[],
    roads,
    greenways,
    'plan-layout': planLayout,
    'plan-projects': [],
  };
  const planTasks = parsePlanTasks(readFileSync(planTextPath, 'utf8'));
  const projects = buildPlanProjects(
    (JSON.parse(readFileSync(PLAN_PROJECTS_PATH, 'utf8')) as { projects: ProjectRow[] }).projects,
    planTasks,
    layers,
    context,
  );
  layers['plan-projects'] = projects.features;
  for (const task of planTasks.tasks) {
    task.unplaced_projects = projects.unplaced.get(task.number) ?? [];
  }

  const disagreements = membershipDisagreements(communities);
  const unverifiedCount = schoolLevels.filter((c) => c.confidence === 'unverified').length;
  const line18Count = metroStations.filter((f) =>
    (f.properties.lines as string[]).includes('18号线'),
  ).length;
  const mergedStations = metroStations
    .filter((f) => f.geometry.type === 'MultiPoint')
    .map((f) => f.properties.name);
  const bboxOf = (...collections: FeatureCollection[]) =>
    turf.bbox(turf.featureCollection(collections.flatMap((c) => c.features)));
  const osmExtent = osmExtractExtent(parksGreen, landuseMore, schoolsHospitals, residentialNamed);
  const coverage: LayerCoverage[] = [
    {
      layer: 'communities',
      note: `2020 community set; some have been split since. Counted by the source's own unit membership (${disagreements.length} polygons lie in another unit)`,
      noteZh: `2020年社区名单，部分社区此后已拆分。按数据源所记所属街道计数（${disagreements.length}个社区边界位于其他街道）`,
      changes: [
        `communities belong to the unit the source assigns them (its jd_name), no longer to the unit their polygon lies in: ${disagreements.length} polygons lie in another unit (listed below); the official 2023 list of 霍营街道 names none of the seven that location moved there (corrections/README.md)`,
      ],
      sourceExtents: [turf.bbox(area)],
      features: communities,
    },
    {
      layer: 'residential',
      note: 'Baidu blocks cover the whole area; OSM names only west of ~116.39°E',
      noteZh: '百度居住街区覆盖全域；小区名称（OSM）仅见于约东经116.39°以西',
      sourceExtents: [bboxOf(baiduBlocks), bboxOf(residentialNamed)],
      features: residential,
    },
    {
      layer: 'parks',
      note: 'OSM extract covers only west of ~116.39°E: no parks mapped in the 天通苑 units',
      noteZh: 'OSM数据仅覆盖约东经116.39°以西：天通苑两街道无公园数据',
      sourceExtents: [osmExtent],
      features: parks,
    },
    {
      layer: 'schools',
      note: `OSM school grounds cover the whole area (57 east of 116.40°E); levels of ${schoolLevels.length} 一贯制 schools from a corrections table (${unverifiedCount} unverified, not counted by default)`,
      noteZh: `OSM学校用地覆盖全域（东经116.40°以东57处）；${schoolLevels.length}所一贯制学校的学段据订正表（其中${unverifiedCount}所待核实，默认不计入）`,
      changes: schoolLevels.map(
        (c) =>
          `${c.name}: ${c.confidence === 'confirmed' ? 'counts for' : 'likely (unverified, not counted unless included)'} ${c.levels.join(' + ')} — ${c.evidence} (corrections/school-levels.csv)`,
      ),
      sourceExtents: [bboxOf(schoolFences)],
      features: schools,
    },
    {
      layer: 'healthcare',
      note: 'hospitals and one clinic from the OSM extract, west of ~116.39°E only, plus 北京清华长庚医院 (a point); no community health stations',
      noteZh:
        '医院及一处诊所来自OSM，仅覆盖约东经116.39°以西，另加北京清华长庚医院（点位）；无社区卫生服务站数据',
      changes: [
        '北京清华长庚医院 (grade-3 hospital, 立汤路168号, 天通苑北街道) added as a point: missing from the OSM extract; position from nwjf/hospital (GCJ-02), converted to WGS-84 here (corrections/hospitals.geojson)',
      ],
      sourceExtents: [osmExtent],
      features: healthcare,
    },
    {
      layer: 'metro-stations',
      note: `metro stations and real track (OSM, 2026-09); Line 18 (opened 2025-12-27) with all ${line18Count} stations; same-named interchange objects merged into one place`,
      noteZh: `地铁站与实际线路走向（OSM，2026-09）；18号线（2025-12-27开通）${line18Count}站齐全；同名换乘站合并为一处`,
      changes: [
        `metro lines follow the real track from OSM route relations (were straight lines through stations, schematic); colours from subway/routes.txt (metro-osm/)`,
        `stations from the OSM station objects: Line 18 has ${line18Count} stations (the GTFS stop list had 6); 马连洼, outside the station file's box, from subway/stops.txt by the track's end (metro-osm/, subway/)`,
        `same-named stations mapped as separate OSM objects (${mergedStations.join(', ')}) are one place with every line, so that "nearest station" names each once (metro-osm/README.md)`,
      ],
      sourceExtents: [turf.bbox(area)],
      features: metroStations,
    },
    {
      layer: 'roads',
      note: 'main roads from a traffic API query: 安立路, 立汤路, 京承高速 and 太平庄中二街 are missing',
      noteZh: '主要道路来自交通态势接口：缺安立路、立汤路、京承高速和太平庄中二街',
      sourceExtents: [bboxOf(rawRoads)],
      features: roads,
      knownGaps: ['天通苑北街道', '天通苑南街道'],
    },
    {
      layer: 'car-parks',
      note: 'no source has public car parks: import them to measure parking',
      noteZh: '无公共停车场数据源：导入数据后方可测算停车',
      sourceExtents: [],
      features: [],
    },
  ];
  const completeness = buildCompleteness(subdistricts, coverage);

  mkdirSync(outDir, { recursive: true });
  for (const [layer, features] of Object.entries(layers) as [LayerId, AppFeature[]][]) {
    const collection = { type: 'FeatureCollection', features };
    writeFileSync(join(outDir, layerFileName(layer)), `${JSON.stringify(collection)}\n`);
  }
  writeFileSync(join(outDir, 'sources.json'), `${JSON.stringify(SOURCES, null, 2)}\n`);
  writeFileSync(join(outDir, 'completeness.json'), `${JSON.stringify(completeness, null, 2)}\n`);
  writeDataDocument(join(outDir, 'README.md'), layers, completeness, disagreements);
  writeFileSync(join(outDir, 'plan-tasks.json'), `${JSON.stringify(planTasks, null, 2)}\n`);
  // Made from the layers as written, read back as the app reads them.
  const written = (layer: LayerId) =>
    JSON.parse(readFileSync(join(outDir, layerFileName(layer)), 'utf8')) as FeatureCollection;
  writeFileSync(
    join(outDir, PREPARED_ROWS_FILE),
    await preparedRowsFile(written('subdistricts'), written('residential')),
  );

  for (const [layer, features] of Object.entries(layers)) {
    console.log(`${layer.padEnd(16)} ${String(features.length).padStart(4)} features`);
  }
  const residentialM2 = residential.reduce((sum, f) => sum + Number(f.properties.area_m2), 0);
  console.log(`plan tasks       ${String(planTasks.tasks.length).padStart(4)}`);
  console.log(`residential land ${(residentialM2 / 1e6).toFixed(2)} km² (no overlaps)`);
}

await main();
