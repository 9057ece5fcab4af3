/** Paper, resolution and the parts of an exported map page, in page pixels. */
export const PAPER_MM = { A4: [210, 297], A3: [297, 420] } as const;
export type Paper = keyof typeof PAPER_MM;
export type Orientation = 'landscape' | 'portrait';

export interface PageSpec {
  paper: Paper;
  orientation: Orientation;
  /** 150 or 300 for a print; a preview uses less. */
  dpi: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PageLayout {
  width: number;
  height: number;
  /** Page pixels per millimetre. */
  pxPerMm: number;
  title: Rect;
  map: Rect;
  legend: Rect;
  footer: Rect;
}

/** Paper size in millimetres, width first, for the orientation. */
export function paperMm({
  paper,
  orientation,
}: Pick<PageSpec, 'paper' | 'orientation'>): [number, number] {
  const [short, long] = PAPER_MM[paper];
  return orientation === 'landscape' ? [long, short] : [short, long];
}

/** Page size in pixels: A4 landscape at 300 dpi is 3508 × 2480. */
export function pagePixels(spec: PageSpec): [number, number] {
  const [w, h] = paperMm(spec);
  return [Math.round((w * spec.dpi) / 25.4), Math.round((h * spec.dpi) / 25.4)];
}

/**
 * 10 mm margins; a title band on top, a footer band (scale, attribution, notes) at the bottom,
 * and the legend to the right of the map (below it in portrait).
 */
export function pageLayout(spec: PageSpec, withLegend: boolean): PageLayout {
  const [width, height] = pagePixels(spec);
  const pxPerMm = spec.dpi / 25.4;
  const margin = 10 * pxPerMm;
  const titleHeight = 14 * pxPerMm;
  const footerHeight = 22 * pxPerMm;
  const inner = { x: margin, y: margin, width: width - 2 * margin, height: height - 2 * margin };
  const title = { ...inner, height: titleHeight };
  const footer = { ...inner, y: inner.y + inner.height - footerHeight, height: footerHeight };
  const body = {
    ...inner,
    y: inner.y + titleHeight,
    height: inner.height - titleHeight - footerHeight,
  };
  const gap = 4 * pxPerMm;
  let map: Rect = body;
  let legend: Rect = { x: body.x + body.width, y: body.y, width: 0, height: 0 };
  if (withLegend && spec.orientation === 'landscape') {
    const legendWidth = 62 * pxPerMm;
    map = { ...body, width: body.width - legendWidth - gap };
    legend = { x: map.x + map.width + gap, y: body.y, width: legendWidth, height: body.height };
  } else if (withLegend) {
    const legendHeight = 50 * pxPerMm;
    map = { ...body, height: body.height - legendHeight - gap };
    legend = { x: body.x, y: map.y + map.height + gap, width: body.width, height: legendHeight };
  }
  const round = (r: Rect): Rect => ({
    x: Math.round(r.x),
    y: Math.round(r.y),
    width: Math.round(r.width),
    height: Math.round(r.height),
  });
  return {
    width,
    height,
    pxPerMm,
    title: round(title),
    map: round(map),
    legend: round(legend),
    footer: round(footer),
  };
}

/** The north arrow's white box, in the map frame's top-right corner (page pixels). */
export function northArrowBox(map: Rect, pxPerMm: number): Rect {
  const mm = pxPerMm;
  return { x: map.x + map.width - 18 * mm, y: map.y + 4 * mm, width: 12 * mm, height: 18 * mm };
}

/** A scale bar of a round length (1, 2 or 5 × 10ⁿ m) close to `targetPx` long. */
export function scaleBar(metresPerPixel: number, targetPx: number): { metres: number; px: number } {
  const raw = metresPerPixel * targetPx;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [5, 2, 1].find((s) => s * power <= raw) ?? 1;
  const metres = step * power;
  return { metres, px: metres / metresPerPixel };
}

/**
 * Splits a width × height image into tiles no larger than `maxTile` on a side, so that each
 * can be rendered within the browser's canvas limit.
 */
export function tiles(width: number, height: number, maxTile: number): Rect[] {
  const columns = Math.ceil(width / maxTile);
  const rows = Math.ceil(height / maxTile);
  const result: Rect[] = [];
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < columns; i++) {
      const x = Math.round((i * width) / columns);
      const y = Math.round((j * height) / rows);
      result.push({
        x,
        y,
        width: Math.round(((i + 1) * width) / columns) - x,
        height: Math.round(((j + 1) * height) / rows) - y,
      });
    }
  }
  return result;
}
