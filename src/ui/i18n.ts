import type { Language } from '../state/url_hash';

const STRINGS = {
  'app.title': { zh: '回天地图', en: 'Huitian Map' },
  'app.subtitle': {
    zh: '回龙观天通苑地区 · 行动计划(2021—2025)',
    en: 'Huilongguan–Tiantongyuan · Action plan 2021–2025',
  },
  'app.language': { zh: 'English', en: '中文' },
  'app.loading': { zh: '正在加载地图数据…', en: 'Loading map data…' },
  'app.loadError': { zh: '地图数据加载失败：', en: 'Could not load the map data: ' },
  'app.mapError': { zh: '地图无法显示：', en: 'The map cannot be shown: ' },
  'panel.layers': { zh: '图层', en: 'Layers' },
  'panel.legend': { zh: '图例', en: 'Legend' },
  'panel.close': { zh: '关闭', en: 'Close' },
  'panel.hint': {
    zh: '点击街道（镇）查看概况，点击规划格局要素查看行动计划原文。',
    en: 'Click a sub-district for its profile, or a layout element for the plan’s words.',
  },
  'layer.subdistricts': { zh: '街道（镇）边界', en: 'Sub-districts' },
  'layer.communities': { zh: '社区边界', en: 'Communities' },
  'layer.residential': { zh: '居住用地', en: 'Residential land' },
  'layer.parks': { zh: '公园与绿地', en: 'Parks and green space' },
  'layer.schools': { zh: '学校与幼儿园', en: 'Schools and kindergartens' },
  'layer.healthcare': { zh: '医疗卫生', en: 'Health facilities' },
  'layer.metro-stations': { zh: '地铁站', en: 'Metro stations' },
  'layer.metro-lines': { zh: '地铁线路（示意）', en: 'Metro lines (schematic)' },
  'layer.roads': { zh: '主要道路', en: 'Main roads' },
  'layer.greenways': { zh: '绿道', en: 'Greenways' },
  'layer.plan-layout': { zh: '一轴一带两廊与四组团（示意）', en: 'Plan layout (schematic)' },
  'legend.residential': { zh: '居住用地', en: 'Residential land' },
  'legend.park': { zh: '公园绿地（计入服务半径）', en: 'Park (counts for service radius)' },
  'legend.forest': { zh: '林地（不计入）', en: 'Forest (not counted)' },
  'legend.minorGreen': { zh: '草地、灌木等（不计入）', en: 'Grass, scrub (not counted)' },
  'legend.greenway': { zh: '绿道', en: 'Greenway' },
  'legend.expressway': { zh: '高速公路', en: 'Expressway' },
  'legend.road': { zh: '主要道路', en: 'Main road' },
  'legend.community': { zh: '社区边界', en: 'Community boundary' },
  'legend.kindergarten': { zh: '幼儿园', en: 'Kindergarten' },
  'legend.primary': { zh: '小学', en: 'Primary school' },
  'legend.middle': { zh: '中学', en: 'Middle school' },
  'legend.otherSchool': { zh: '高校及其他', en: 'College and other' },
  'legend.health': { zh: '医院、诊所', en: 'Hospital, clinic' },
  'legend.subdistrict': { zh: '街道（镇）界', en: 'Sub-district boundary' },
  'legend.metroLine': {
    zh: '地铁线路（按站点连线示意，官方配色）',
    en: 'Metro line (through stations, official colours)',
  },
  'legend.metroStation': { zh: '地铁站', en: 'Metro station' },
  'legend.planAxis': {
    zh: '一轴：北中轴延长线生态发展轴',
    en: 'Axis: central-axis ecological axis',
  },
  'legend.planBelt': { zh: '一带：发展活力带', en: 'Belt: vitality belt' },
  'legend.planCorridor': {
    zh: '两廊：科技创新廊、产业服务廊',
    en: 'Corridors: innovation, services',
  },
  'legend.planCluster': { zh: '特色功能组团', en: 'Functional clusters' },
  'completeness.partial': { zh: '数据不完整', en: 'incomplete data' },
  'completeness.none': { zh: '无数据', en: 'no data' },
  'completeness.covered': { zh: '数据源覆盖', en: 'covered by sources' },
  'completeness.carParks': { zh: '公共停车场', en: 'Public car parks' },
  'completeness.title': { zh: '数据完整性提示', en: 'Data completeness' },
  'subdistrict.area': { zh: '面积（计算）', en: 'Area (computed)' },
  'subdistrict.communities': { zh: '社区', en: 'Communities' },
  'subdistrict.parks': { zh: '公园', en: 'Parks' },
  'subdistrict.green': { zh: '其他绿地', en: 'Other green space' },
  'subdistrict.schools': { zh: '学校与幼儿园', en: 'Schools and kindergartens' },
  'subdistrict.health': { zh: '医疗卫生设施', en: 'Health facilities' },
  'subdistrict.communityList': { zh: '社区名单', en: 'Communities by name' },
  'plan.task': { zh: '行动计划 任务', en: 'Action plan task' },
  'plan.words': { zh: '规划原文', en: 'The plan’s words' },
  'plan.drawnFrom': { zh: '绘制依据', en: 'How it is drawn' },
  'plan.schematic': {
    zh: '示意：规划未提供空间数据，依据原文与现有道路、站点、公园数据绘制。',
    en: 'Schematic: the plan has no geometry; drawn from its text over real road, station and park data.',
  },
  'unit.km2': { zh: '平方公里', en: 'km²' },
} as const;

export type StringKey = keyof typeof STRINGS;

export function translate(language: Language, key: string): string {
  const entry = (STRINGS as Record<string, { zh: string; en: string }>)[key];
  return entry ? entry[language] : key;
}
