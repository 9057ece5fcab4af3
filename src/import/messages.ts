import { LIMITS, SNAP_TOLERANCE_LIMITS, limitMessage } from '../data/limits';
import type { ImportProblem, ProblemCode } from './types';

type Lang = 'zh' | 'en';
type Text = (p: ImportProblem) => string;

const detail = (p: ImportProblem) => p.detail ?? '';

const TEXTS: Record<ProblemCode, Record<Lang, Text>> = {
  'file-too-large': {
    zh: (p) =>
      `文件过大（${detail(p)}），最大 ${LIMITS.fileBytes / 1024 / 1024} MB；请拆分后再导入`,
    en: (p) =>
      `The file is too large (${detail(p)}); the limit is ${LIMITS.fileBytes / 1024 / 1024} MB. Split it and import the parts`,
  },
  'over-limit': {
    zh: (p) => (p.limit ? `${limitMessage(p.limit, 'zh')}；请拆分或简化后再导入` : detail(p)),
    en: (p) =>
      p.limit ? `${limitMessage(p.limit, 'en')}. Split or simplify it and import again` : detail(p),
  },
  'invalid-snap-tolerance': {
    zh: (p) =>
      `连接容差须为 ${SNAP_TOLERANCE_LIMITS.min}–${SNAP_TOLERANCE_LIMITS.max} 米之间的数字（收到：${detail(p)}）`,
    en: (p) =>
      `The snap tolerance must be a number from ${SNAP_TOLERANCE_LIMITS.min} to ${SNAP_TOLERANCE_LIMITS.max} m (got: ${detail(p)})`,
  },
  'empty-file': { zh: () => '文件是空的', en: () => 'The file is empty' },
  'unknown-format': {
    zh: () =>
      '无法识别文件格式：支持 GeoJSON、CSV、KML、压缩的 Shapefile（.zip）、OSM XML 与 Overpass JSON',
    en: () =>
      'Unknown file format: GeoJSON, CSV, KML, zipped Shapefile (.zip), OSM XML and Overpass JSON are supported',
  },
  'parse-failed': {
    zh: () => '文件内容无法解析（格式损坏或与扩展名不符）',
    en: () => 'The file could not be parsed (damaged, or not what its extension says)',
  },
  'zip-without-shp': {
    zh: () => '压缩包里没有 .shp 文件',
    en: () => 'The zip file holds no .shp file',
  },
  'no-features': {
    zh: () => '文件中没有要素或数据行',
    en: () => 'The file holds no features or rows',
  },
  'csv-no-coordinate-columns': {
    zh: (p) => `找不到经度、纬度列，请手动选择（现有列：${detail(p)}）`,
    en: (p) => `No longitude/latitude columns found; choose them (columns: ${detail(p)})`,
  },
  'internal-error': {
    zh: (p) => `导入时出错：${detail(p)}`,
    en: (p) => `The import failed: ${detail(p)}`,
  },
  'missing-geometry': { zh: () => '没有几何图形', en: () => 'no geometry' },
  'invalid-coordinates': {
    zh: () => '坐标无效（不是数字或结构不对）',
    en: () => 'invalid coordinates (not numbers, or badly nested)',
  },
  'wrong-geometry-type': {
    zh: (p) => `此图层不接受 ${detail(p)} 几何（住宅区只接受面；线不能导入）`,
    en: (p) =>
      `${detail(p)} geometry does not fit this layer (residential needs polygons; lines are not imported)`,
  },
  'swapped-coordinates': {
    zh: (p) => `经纬度顺序颠倒？（${detail(p)}）可勾选“交换经纬度”`,
    en: (p) => `Latitude and longitude swapped? (${detail(p)}) Try the swap option`,
  },
  'outside-area': {
    zh: (p) => `坐标 ${detail(p)} 不在回天地区范围内（坐标系选错了？）`,
    en: (p) => `position ${detail(p)} is outside the Huitian area (wrong coordinate system?)`,
  },
  'invalid-geometry': {
    zh: (p) => `几何图形无效（${detail(p)}）`,
    en: (p) => `invalid geometry (${detail(p)})`,
  },
  'self-intersecting': { zh: () => '多边形自相交', en: () => 'the polygon crosses itself' },
  'csv-bad-number': {
    zh: (p) => `${p.column ?? ''} "${detail(p)}" 不是数字`,
    en: (p) => `${p.column ?? ''} "${detail(p)}" is not a number`,
  },
  'csv-missing-value': {
    zh: (p) => `${p.column ?? ''} 为空`,
    en: (p) => `${p.column ?? ''} is empty`,
  },
  'missing-area': {
    zh: () => '点状公园需要面积列（area_m2、area 或 面积）',
    en: () => 'a park given as a point needs an area column (area_m2, area or 面积)',
  },
  'schema-invalid': {
    zh: (p) => `属性不符合图层要求（${detail(p)}）`,
    en: (p) => `properties do not fit the layer (${detail(p)})`,
  },
  'duplicate-id': {
    zh: (p) => `编号 ${detail(p)} 已存在`,
    en: (p) => `id ${detail(p)} already exists`,
  },
};

function where(p: ImportProblem, lang: Lang): string {
  const name = p.name ? (lang === 'zh' ? `「${p.name}」` : ` "${p.name}"`) : '';
  if (p.row !== undefined)
    return lang === 'zh' ? `第 ${p.row} 行${name}：` : `Row ${p.row}${name}: `;
  if (p.featureIndex !== undefined) {
    const n = p.featureIndex + 1;
    return lang === 'zh' ? `第 ${n} 个要素${name}：` : `Feature ${n}${name}: `;
  }
  return '';
}

/**
 * The problem as a sentence, Chinese first. Plain text: names and values from the file are
 * quoted as they are and must be shown as text, never as markup.
 */
export function problemMessage(problem: ImportProblem, lang: Lang): string {
  const text = TEXTS[problem.code]?.[lang] ?? (() => problem.code);
  return `${where(problem, lang)}${text(problem)}`;
}
