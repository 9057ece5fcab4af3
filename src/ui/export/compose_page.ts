import type { PageLayout, Rect } from '../../export/page_layout';
import { scaleBar } from '../../export/page_layout';
import type { LegendEntry } from '../../layers/catalog';

const FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

export interface PageContent {
  title: string;
  legend: { heading: string; entries: { label: string; swatch: LegendEntry['swatch'] }[] } | null;
  /** Lines under the legend: analysis parameters and the like. */
  legendNotes: string[];
  scale: { metresPerPixel: number } | null;
  northArrow: boolean;
  attribution: string | null;
  date: string | null;
  /** Notes on incomplete data shown on the map. */
  completenessNotes: string[];
}

/** Draws the whole page — title, map, legend, scale, north arrow, notes — onto one canvas. */
export function composePage(layout: PageLayout, map: HTMLCanvasElement, content: PageContent) {
  const canvas = document.createElement('canvas');
  canvas.width = layout.width;
  canvas.height = layout.height;
  const g = canvas.getContext('2d')!;
  const mm = layout.pxPerMm;
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, layout.width, layout.height);

  g.fillStyle = '#2c2833';
  g.font = `bold ${7 * mm}px ${FONT}`;
  g.textBaseline = 'middle';
  g.fillText(
    content.title,
    layout.title.x,
    layout.title.y + layout.title.height / 2,
    layout.title.width,
  );

  if (content.date) {
    g.font = `${3.2 * mm}px ${FONT}`;
    g.fillStyle = '#4a4552';
    g.textAlign = 'right';
    g.fillText(
      content.date,
      layout.title.x + layout.title.width,
      layout.title.y + layout.title.height / 2,
    );
    g.textAlign = 'left';
  }

  g.drawImage(map, layout.map.x, layout.map.y, layout.map.width, layout.map.height);
  g.strokeStyle = '#2c2833';
  g.lineWidth = 0.3 * mm;
  g.strokeRect(layout.map.x, layout.map.y, layout.map.width, layout.map.height);

  if (content.northArrow) drawNorthArrow(g, layout.map, mm);
  if (content.legend) drawLegend(g, layout.legend, content, mm);

  let footerY = layout.footer.y + 3 * mm;
  if (content.scale) {
    const bar = scaleBar(content.scale.metresPerPixel, 40 * mm);
    const x = layout.footer.x;
    g.fillStyle = '#2c2833';
    g.fillRect(x, footerY, bar.px, 1.2 * mm);
    g.fillRect(x, footerY - 1.2 * mm, 0.4 * mm, 2.4 * mm);
    g.fillRect(x + bar.px - 0.4 * mm, footerY - 1.2 * mm, 0.4 * mm, 2.4 * mm);
    g.font = `${3.2 * mm}px ${FONT}`;
    g.textBaseline = 'middle';
    const label = bar.metres >= 1000 ? `${bar.metres / 1000} km` : `${bar.metres} m`;
    g.fillText(label, x + bar.px + 2 * mm, footerY + 0.6 * mm);
    footerY += 5 * mm;
  }
  g.font = `${2.8 * mm}px ${FONT}`;
  g.fillStyle = '#4a4552';
  g.textBaseline = 'top';
  const lines = [...content.completenessNotes, content.attribution].filter((l): l is string =>
    Boolean(l),
  );
  for (const line of lines) {
    for (const wrapped of wrap(g, line, layout.footer.width)) {
      if (footerY > layout.footer.y + layout.footer.height - 3 * mm) break;
      g.fillText(wrapped, layout.footer.x, footerY);
      footerY += 3.6 * mm;
    }
  }
  return canvas;
}

function drawNorthArrow(g: CanvasRenderingContext2D, map: Rect, mm: number) {
  const x = map.x + map.width - 12 * mm;
  const y = map.y + 8 * mm;
  g.fillStyle = 'rgba(255,255,255,0.85)';
  g.fillRect(x - 6 * mm, y - 4 * mm, 12 * mm, 18 * mm);
  g.fillStyle = '#2c2833';
  g.beginPath();
  g.moveTo(x, y);
  g.lineTo(x + 3.5 * mm, y + 10 * mm);
  g.lineTo(x, y + 7.5 * mm);
  g.lineTo(x - 3.5 * mm, y + 10 * mm);
  g.closePath();
  g.fill();
  g.font = `bold ${3.6 * mm}px ${FONT}`;
  g.textAlign = 'center';
  g.textBaseline = 'top';
  g.fillText('北 N', x, y + 10.5 * mm);
  g.textAlign = 'left';
}

function drawLegend(g: CanvasRenderingContext2D, box: Rect, content: PageContent, mm: number) {
  const legend = content.legend!;
  let y = box.y + 2 * mm;
  g.fillStyle = '#2c2833';
  g.font = `bold ${4 * mm}px ${FONT}`;
  g.textBaseline = 'top';
  g.fillText(legend.heading, box.x, y);
  y += 6.5 * mm;
  g.font = `${3 * mm}px ${FONT}`;
  const column = box.width > 100 * mm ? box.width / 2 : box.width;
  let x = box.x;
  for (const entry of legend.entries) {
    if (y > box.y + box.height - 5 * mm) {
      if (x + column >= box.x + box.width) break;
      x += column;
      y = box.y + 8.5 * mm;
    }
    drawSwatch(g, entry.swatch, x, y, mm);
    g.fillStyle = '#2c2833';
    g.textBaseline = 'top';
    const [first] = wrap(g, entry.label, column - 10 * mm);
    g.fillText(first ?? '', x + 8 * mm, y);
    y += 4.6 * mm;
  }
  g.fillStyle = '#4a4552';
  g.font = `${2.6 * mm}px ${FONT}`;
  y += 2 * mm;
  for (const note of content.legendNotes) {
    for (const line of wrap(g, note, box.width)) {
      if (y > box.y + box.height - 3 * mm) return;
      g.fillText(line, box.x, y);
      y += 3.4 * mm;
    }
  }
}

function drawSwatch(
  g: CanvasRenderingContext2D,
  swatch: LegendEntry['swatch'],
  x: number,
  y: number,
  mm: number,
) {
  const fill = swatch.colour.startsWith('linear-gradient') ? '#8aa0c8' : swatch.colour;
  g.fillStyle = fill;
  g.strokeStyle = fill;
  if (swatch.type === 'fill') {
    g.globalAlpha = swatch.dashed ? 0.6 : 1;
    g.fillRect(x, y, 6 * mm, 3.2 * mm);
    g.globalAlpha = 1;
  } else if (swatch.type === 'line') {
    g.lineWidth = 0.9 * mm;
    g.setLineDash(swatch.dashed ? [1.5 * mm, 1 * mm] : []);
    g.beginPath();
    g.moveTo(x, y + 1.6 * mm);
    g.lineTo(x + 6 * mm, y + 1.6 * mm);
    g.stroke();
    g.setLineDash([]);
  } else {
    g.lineWidth = 0.6 * mm;
    g.beginPath();
    g.arc(x + 3 * mm, y + 1.6 * mm, 1.5 * mm, 0, Math.PI * 2);
    g.fillStyle = swatch.filled ? fill : '#ffffff';
    g.fill();
    g.stroke();
  }
}

/** Greedy line wrapping by measured width; works for Chinese (no spaces) and English. */
function wrap(g: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const char of text) {
    if (g.measureText(line + char).width > width && line) {
      lines.push(line);
      line = char;
    } else line += char;
  }
  if (line) lines.push(line);
  return lines;
}
