import type { PageLayout, Rect } from '../../export/page_layout';
import { northArrowBox, scaleBar } from '../../export/page_layout';
import type { PageText } from '../../export/pdf';
import type { LegendEntry } from '../../layers/catalog';

const HAN = /[\u3000-\u9fff\uff00-\uffef]/;
const FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
/** Where an ideograph's baseline sits below the top of its em box, and below its middle. */
const ASCENT = 0.88;
const MIDDLE_TO_BASELINE = 0.38;

export interface PageContent {
  title: string;
  legend: { heading: string; entries: { label: string; swatch: LegendEntry['swatch'] }[] } | null;
  /** Lines under the legend: analysis parameters and the like. */
  legendNotes: string[];
  /** Ground metres per page pixel, and the representative fraction's denominator. */
  scale: { metresPerPixel: number; denominator: number; fraction: string } | null;
  northArrow: boolean;
  attribution: string | null;
  date: string | null;
  /** Notes on incomplete data shown on the map. */
  completenessNotes: string[];
}

/**
 * Draws the whole page — title, map, legend, scale, north arrow, notes — onto one canvas, and
 * returns every piece of text with its place. With `drawText` false the canvas holds everything
 * but the text, for a PDF that writes the text as text over it.
 */
export function composePage(
  layout: PageLayout,
  map: HTMLCanvasElement,
  content: PageContent,
  drawText = true,
): { canvas: HTMLCanvasElement; texts: PageText[] } {
  const canvas = document.createElement('canvas');
  canvas.width = layout.width;
  canvas.height = layout.height;
  const g = canvas.getContext('2d')!;
  const mm = layout.pxPerMm;
  const texts: PageText[] = [];
  /** Text at a baseline; measured with the canvas font so that wrapping matches the page. */
  const text = (item: PageText) => {
    texts.push(item);
    if (!drawText) return;
    g.font = `${item.bold ? 'bold ' : ''}${item.size}px ${FONT}`;
    g.fillStyle = item.colour;
    g.textAlign = item.align;
    g.textBaseline = 'alphabetic';
    g.fillText(item.text, item.x, item.y);
    g.textAlign = 'left';
  };
  const setFont = (size: number, bold = false) => {
    g.font = `${bold ? 'bold ' : ''}${size}px ${FONT}`;
  };
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, layout.width, layout.height);

  const titleMiddle = layout.title.y + layout.title.height / 2;
  let dateWidth = 0;
  if (content.date) {
    const size = 3.2 * mm;
    setFont(size);
    dateWidth = g.measureText(content.date).width + 4 * mm;
    text({
      text: content.date,
      x: layout.title.x + layout.title.width,
      y: titleMiddle + MIDDLE_TO_BASELINE * size,
      size,
      bold: false,
      colour: '#4a4552',
      align: 'right',
    });
  }
  // A long title shrinks to fit beside the date rather than being cut or squeezed.
  let titleSize = 7 * mm;
  setFont(titleSize, true);
  const titleRoom = layout.title.width - dateWidth;
  const titleWidth = g.measureText(content.title).width;
  if (titleWidth > titleRoom) titleSize = Math.max(3.5 * mm, (titleSize * titleRoom) / titleWidth);
  text({
    text: content.title,
    x: layout.title.x,
    y: titleMiddle + MIDDLE_TO_BASELINE * titleSize,
    size: titleSize,
    bold: true,
    colour: '#2c2833',
    align: 'left',
  });

  g.drawImage(map, layout.map.x, layout.map.y, layout.map.width, layout.map.height);
  g.strokeStyle = '#2c2833';
  g.lineWidth = 0.3 * mm;
  g.strokeRect(layout.map.x, layout.map.y, layout.map.width, layout.map.height);

  if (content.northArrow) drawNorthArrow(g, layout.map, mm, text);
  if (content.legend) {
    // A long legend shrinks until every entry and note fits: nothing is dropped.
    const none = () => {};
    const scale =
      [1, 0.9, 0.8, 0.7, 0.6, 0.5].find((s) =>
        drawLegend(g, layout.legend, content, mm * s, none, false),
      ) ?? 0.5;
    drawLegend(g, layout.legend, content, mm * scale, text, true);
  }

  let footerY = layout.footer.y + 3 * mm;
  if (content.scale) {
    const bar = scaleBar(content.scale.metresPerPixel, 40 * mm);
    const x = layout.footer.x;
    g.fillStyle = '#2c2833';
    g.fillRect(x, footerY, bar.px, 1.2 * mm);
    g.fillRect(x, footerY - 1.2 * mm, 0.4 * mm, 2.4 * mm);
    g.fillRect(x + bar.px - 0.4 * mm, footerY - 1.2 * mm, 0.4 * mm, 2.4 * mm);
    const size = 3.2 * mm;
    const length = bar.metres >= 1000 ? `${bar.metres / 1000} km` : `${bar.metres} m`;
    text({
      text: `${length}    ${content.scale.fraction}`,
      x: x + bar.px + 2 * mm,
      y: footerY + 0.6 * mm + MIDDLE_TO_BASELINE * size,
      size,
      bold: false,
      colour: '#2c2833',
      align: 'left',
    });
    footerY += 5 * mm;
  }
  const lines = [...content.completenessNotes, content.attribution].filter((l): l is string =>
    Boolean(l),
  );
  // Long notes and sources shrink until every line fits the footer: none is dropped.
  const room = layout.footer.y + layout.footer.height - footerY;
  const wrappedAt = (s: number) => {
    setFont(2.8 * mm * s);
    return lines.flatMap((line) => wrap(g, line, layout.footer.width));
  };
  const shrink =
    [1, 0.9, 0.8, 0.7, 0.6, 0.5].find((s) => wrappedAt(s).length * 3.6 * mm * s <= room) ?? 0.5;
  const noteSize = 2.8 * mm * shrink;
  const footerLines = wrappedAt(shrink);
  for (const wrapped of footerLines) {
    text({
      text: wrapped,
      x: layout.footer.x,
      y: footerY + ASCENT * noteSize,
      size: noteSize,
      bold: false,
      colour: '#4a4552',
      align: 'left',
    });
    footerY += 3.6 * mm * shrink;
  }
  return { canvas, texts };
}

function drawNorthArrow(
  g: CanvasRenderingContext2D,
  map: Rect,
  mm: number,
  text: (item: PageText) => void,
) {
  const box = northArrowBox(map, mm);
  const x = box.x + 6 * mm;
  const y = box.y + 4 * mm;
  g.fillStyle = 'rgba(255,255,255,0.85)';
  g.fillRect(box.x, box.y, box.width, box.height);
  g.fillStyle = '#2c2833';
  g.beginPath();
  g.moveTo(x, y);
  g.lineTo(x + 3.5 * mm, y + 10 * mm);
  g.lineTo(x, y + 7.5 * mm);
  g.lineTo(x - 3.5 * mm, y + 10 * mm);
  g.closePath();
  g.fill();
  const size = 3.6 * mm;
  text({
    text: '北 N',
    x,
    y: y + 10.5 * mm + ASCENT * size,
    size,
    bold: true,
    colour: '#2c2833',
    align: 'center',
  });
}

/** Draws the legend (or with `draw` false only lays it out); false when something did not fit. */
function drawLegend(
  g: CanvasRenderingContext2D,
  box: Rect,
  content: PageContent,
  mm: number,
  text: (item: PageText) => void,
  draw: boolean,
): boolean {
  let fits = true;
  const legend = content.legend!;
  let y = box.y + 2 * mm;
  const headingSize = 4 * mm;
  text({
    text: legend.heading,
    x: box.x,
    y: y + ASCENT * headingSize,
    size: headingSize,
    bold: true,
    colour: '#2c2833',
    align: 'left',
  });
  y += 6.5 * mm;
  const size = 3 * mm;
  const lineStep = 3.9 * mm;
  // As many columns as fit at this size: a smaller legend also gains columns, not only rows.
  const column = box.width / Math.max(1, Math.floor(box.width / (55 * mm)));
  let x = box.x;
  for (const entry of legend.entries) {
    g.font = `${size}px ${FONT}`;
    // Every line of a long label is kept: a label is wrapped, never cut.
    const labelLines = wrap(g, entry.label, column - 10 * mm);
    const height = labelLines.length * lineStep + 0.7 * mm;
    if (y + height > box.y + box.height - 2 * mm) {
      if (x + column >= box.x + box.width) fits = false;
      else {
        x += column;
        y = box.y + 8.5 * mm;
      }
    }
    if (draw) drawSwatch(g, entry.swatch, x, y, mm);
    labelLines.forEach((line, i) =>
      text({
        text: line,
        x: x + 8 * mm,
        y: y + i * lineStep + ASCENT * size,
        size,
        bold: false,
        colour: '#2c2833',
        align: 'left',
      }),
    );
    y += height;
  }
  const noteSize = 2.6 * mm;
  g.font = `${noteSize}px ${FONT}`;
  y += 2 * mm;
  for (const note of content.legendNotes) {
    // Notes follow the last entries, in their column.
    for (const line of wrap(g, note, column)) {
      if (y > box.y + box.height - 3 * mm) fits = false;
      text({
        text: line,
        x,
        y: y + ASCENT * noteSize,
        size: noteSize,
        bold: false,
        colour: '#4a4552',
        align: 'left',
      });
      y += 3.4 * mm;
    }
  }
  return fits;
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
  if (swatch.type === 'fill' && swatch.hatched) {
    drawHatch(g, fill, x, y, 6 * mm, 3.2 * mm, mm);
  } else if (swatch.type === 'fill') {
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

/** Diagonal lines over a light grey ground, clipped to the box (the map's no-data hatching). */
function drawHatch(
  g: CanvasRenderingContext2D,
  colour: string,
  x: number,
  y: number,
  w: number,
  h: number,
  mm: number,
) {
  g.save();
  g.beginPath();
  g.rect(x, y, w, h);
  g.clip();
  g.fillStyle = '#e4e4e4';
  g.fillRect(x, y, w, h);
  g.strokeStyle = colour;
  g.lineWidth = 0.35 * mm;
  g.beginPath();
  for (let d = -h; d < w; d += 1.1 * mm) {
    g.moveTo(x + d, y + h);
    g.lineTo(x + d + h, y);
  }
  g.stroke();
  g.restore();
}

/**
 * Greedy line wrapping by measured width. Chinese breaks between any two characters; a Latin
 * word or number ("service", "2,000 m²") moves whole to the next line after the last space.
 */
function wrap(g: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const char of text) {
    if (g.measureText(line + char).width > width && line) {
      const space = line.lastIndexOf(' ');
      const inWord = char !== ' ' && !HAN.test(char) && !HAN.test(line.at(-1) ?? '');
      if (inWord && space > line.length / 2) {
        lines.push(line.slice(0, space));
        line = line.slice(space + 1) + char;
      } else {
        lines.push(line);
        line = char === ' ' ? '' : char;
      }
    } else line += char;
  }
  if (line) lines.push(line);
  return lines;
}
