import * as turf from '@turf/turf';
import type {
  Feature,
  FeatureCollection,
  Geometry,
  LineString,
  MultiPoint,
  MultiPolygon,
  Point,
  Polygon,
  Position,
} from 'geojson';
import type { AppFeature } from '../../src/data/schema';
import { type StudyContext, createAppFeature } from './context';
import { type Areal } from './geometry';

/**
 * Longitude of Beijing's north–south central axis (北京中轴线, about 116°23′29″E); the plan's
 * ecological axis is its northward extension through 东小口镇.
 */
export const CENTRAL_AXIS_LONGITUDE = 116.3914;

/** The plan's own words (任务 1 and 2 of the action plan). */
export const PLAN_TEXT = {
  task1:
    '构建“一轴一带两廊”区域发展格局。盘活东小口镇城市化腾挪空间，改造连通现有公园绿地资源，因地制宜融入生态、产业、居住要素，构建首都北中轴延长线生态发展轴，打造撬动区域高质量发展、高品质生活的重要载体。',
  axis: '盘活东小口镇城市化腾挪空间，改造连通现有公园绿地资源，因地制宜融入生态、产业、居住要素，构建首都北中轴延长线生态发展轴，打造撬动区域高质量发展、高品质生活的重要载体。',
  belt: '依托回龙观大街—太平庄中二街，完善生产生活服务设施，整体提升城市服务功能，构建发展活力带。',
  innovation:
    '以京藏高速、京新高速、市郊铁路东北环线沿线的生命科学产业为基础，构建科技创新廊，串联中关村科学城和未来科学城；',
  services:
    '以京承高速、安立路、轨道交通17号线为依托构建产业服务廊，发展沿线公共服务和配套商业服务，助力未来科学城与怀柔科学城建设。',
  greenWedge: '立足北中轴延长线城市级绿色空间建设，探索绿隔产业发展新路径，打造生态绿楔组团；',
  health:
    '立足生命科学园三期建设，推进国家实验室和自由贸易试验区落地“生命谷”，加快发展生物医药和生命健康产业，打造医药健康组团；',
  techServices:
    '立足“回+”双创样板社区和信息园建设，资本、人才、技术、信息、文化、空间六位一体，推动形成青年人才就近就业创业的生态圈，打造科技服务组团；',
  liveable:
    '立足天通中苑闲置空间织补转换，完善商业、文化、体育等城市服务功能，不断增强区域生活便利性和服务多样性，打造和谐宜居组团。',
} as const;

export interface PlanLayoutInputs {
  area: Areal;
  roads: AppFeature<LineString>[];
  metroStations: AppFeature<Point | MultiPoint>[];
  metroLines: AppFeature<LineString>[];
  parks: AppFeature<Polygon | MultiPolygon>[];
  communities: AppFeature<Polygon | MultiPolygon>[];
  landuseMore: FeatureCollection<Geometry, Record<string, unknown>>;
}

function longest<T extends Feature<LineString>>(features: T[]): T | undefined {
  return [...features].sort((a, b) => turf.length(b) - turf.length(a))[0];
}

function roadLine(roads: AppFeature<LineString>[], name: string): Position[] {
  const road = longest(roads.filter((r) => r.properties.name === name));
  if (!road) throw new Error(`plan layout: road ${name} not in the road data`);
  return road.geometry.coordinates;
}

/** Where a line stops at a station (an interchange may have one position per line). */
function station(stations: AppFeature<Point | MultiPoint>[], name: string, line: string): Position {
  const found = stations.find((s) => s.properties.name === name);
  if (!found) throw new Error(`plan layout: station ${name} not in the metro data`);
  if (found.geometry.type === 'Point') return found.geometry.coordinates;
  const lines = found.properties.position_lines as string[][];
  const at = lines.findIndex((l) => l.includes(line));
  return found.geometry.coordinates[Math.max(at, 0)]!;
}

function metroLine(lines: AppFeature<LineString>[], line: string): LineString {
  const found = longest(lines.filter((l) => l.properties.line === line));
  if (!found) throw new Error(`plan layout: metro ${line} not in the metro data`);
  return found.geometry;
}

/** The central-axis meridian where it crosses the study area. */
function axisLine(area: Areal): Position[] {
  const meridian = turf.lineString([
    [CENTRAL_AXIS_LONGITUDE, 39.9],
    [CENTRAL_AXIS_LONGITUDE, 40.3],
  ]);
  const crossings = turf
    .lineIntersect(meridian, turf.polygonToLine(area) as Feature<LineString>)
    .features.map((p) => p.geometry.coordinates[1]!);
  if (crossings.length < 2) throw new Error('plan layout: the axis does not cross the area');
  return [
    [CENTRAL_AXIS_LONGITUDE, Math.min(...crossings)],
    [CENTRAL_AXIS_LONGITUDE, Math.max(...crossings)],
  ];
}

/** A cluster outline: the convex hull of its anchor features, grown by `marginMeters`. */
function clusterOutline(anchors: Feature[], marginMeters: number): Polygon {
  if (anchors.length === 0) throw new Error('plan layout: a cluster has no anchor features');
  const hull = turf.convex(
    turf.featureCollection(anchors.map((a) => turf.explode(a)).flatMap((c) => c.features)),
  );
  const grown = hull && turf.buffer(hull, marginMeters, { units: 'meters' });
  if (!grown) throw new Error('plan layout: could not outline a cluster');
  return turf.simplify(grown, { tolerance: 0.0001 }).geometry as Polygon;
}

/**
 * The plan's "一轴一带两廊" and its four clusters, authored from the plan's wording over the
 * real road, metro, park and community geometry. There is no source geometry for the layout:
 * every element is schematic and says how it was drawn.
 */
export function buildPlanLayout(inputs: PlanLayoutInputs, context: StudyContext): AppFeature[] {
  const { area, roads, metroStations, parks, communities, landuseMore } = inputs;
  const axis = axisLine(area);
  const axisFeature = turf.lineString(axis);
  const wedgeParks = parks.filter(
    (p) =>
      p.properties.counts_as_park &&
      p.properties.subdistrict === '东小口镇' &&
      turf.pointToLineDistance(turf.centroid(p), axisFeature, { units: 'meters' }) < 1500,
  );
  const techAnchors = landuseMore.features.filter((f) =>
    /^(龙域北街|龙观商务中心)/.test(String(f.properties.name ?? '')),
  );
  const liveableAnchors = communities.filter((c) => c.properties.name.startsWith('天通中苑'));
  const lifeScience = station(metroStations, '生命科学园', '昌平线');

  const base = { source: 'action-plan', source_crs: 'WGS-84', accuracy: 'schematic' } as const;
  const elements: { geometry: Geometry; properties: Record<string, unknown> & { id: string } }[] = [
    {
      geometry: { type: 'LineString', coordinates: axis },
      properties: {
        id: 'plan-axis',
        name: '首都北中轴延长线生态发展轴',
        name_en: 'Ecological axis on the northward extension of the central axis',
        kind: 'axis',
        element: '一轴',
        task: 1,
        plan_text: PLAN_TEXT.axis,
        drawn_from: `central-axis meridian ${CENTRAL_AXIS_LONGITUDE}°E across the seven units`,
      },
    },
    {
      geometry: {
        type: 'MultiLineString',
        coordinates: [
          roadLine(roads, '回龙观西大街'),
          roadLine(roads, '回龙观东大街'),
          ['回龙观东大街', '霍营东', '天通苑', '太平庄'].map((n) =>
            station(metroStations, n, '18号线'),
          ),
        ],
      },
      properties: {
        id: 'plan-belt',
        name: '发展活力带',
        name_en: 'Vitality belt',
        kind: 'belt',
        element: '一带',
        task: 1,
        plan_text: PLAN_TEXT.belt,
        drawn_from:
          '回龙观西大街 and 回龙观东大街 from the road data; east of them, where the road data has no 太平庄中二街, a straight line through the metro stations along it (回龙观东大街–霍营东–天通苑–太平庄)',
      },
    },
    {
      geometry: {
        type: 'MultiLineString',
        coordinates: [roadLine(roads, '京藏高速'), roadLine(roads, '京新高速')],
      },
      properties: {
        id: 'plan-corridor-innovation',
        name: '科技创新廊',
        name_en: 'Science and innovation corridor',
        kind: 'corridor',
        element: '廊',
        task: 1,
        plan_text: PLAN_TEXT.innovation,
        drawn_from:
          '京藏高速 and 京新高速 from the road data; the 市郊铁路东北环线 has no geometry in the sources',
      },
    },
    {
      geometry: metroLine(inputs.metroLines, '17号线'),
      properties: {
        id: 'plan-corridor-services',
        name: '产业服务廊',
        name_en: 'Industrial services corridor',
        kind: 'corridor',
        element: '廊',
        task: 1,
        plan_text: PLAN_TEXT.services,
        drawn_from:
          'metro Line 17 along its track (OSM); 京承高速 and 安立路 are not in the road data',
      },
    },
    {
      geometry: clusterOutline(wedgeParks, 150),
      properties: {
        id: 'plan-cluster-green-wedge',
        name: '生态绿楔组团',
        name_en: 'Ecological green wedge cluster',
        kind: 'cluster',
        element: '组团',
        task: 2,
        plan_text: PLAN_TEXT.greenWedge,
        drawn_from: `parks in 东小口镇 within 1.5 km of the central axis (${wedgeParks.map((p) => p.properties.name || p.properties.id).join('、')})`,
      },
    },
    {
      geometry: turf.circle(lifeScience, 900, { units: 'meters', steps: 48 }).geometry,
      properties: {
        id: 'plan-cluster-health',
        name: '医药健康组团',
        name_en: 'Medicine and health cluster',
        kind: 'cluster',
        element: '组团',
        task: 2,
        plan_text: PLAN_TEXT.health,
        drawn_from:
          'a 900 m circle around 生命科学园 station; the sources have no outline of 生命科学园三期',
      },
    },
    {
      geometry: clusterOutline(techAnchors, 300),
      properties: {
        id: 'plan-cluster-tech-services',
        name: '科技服务组团',
        name_en: 'Technology services cluster',
        kind: 'cluster',
        element: '组团',
        task: 2,
        plan_text: PLAN_TEXT.techServices,
        drawn_from:
          'office sites around 龙域北街 and 龙观商务中心 (OSM), where the "回+" community is; the sources have no outline of 信息园',
      },
    },
    {
      geometry: clusterOutline(liveableAnchors, 150),
      properties: {
        id: 'plan-cluster-liveable',
        name: '和谐宜居组团',
        name_en: 'Liveable community cluster',
        kind: 'cluster',
        element: '组团',
        task: 2,
        plan_text: PLAN_TEXT.liveable,
        drawn_from: `the 天通中苑 community outline (${liveableAnchors.map((c) => c.properties.name).join('、')})`,
      },
    },
  ];
  return elements.map((e) =>
    createAppFeature(e.geometry, { ...base, name: '', kind: '', ...e.properties }, context),
  );
}
