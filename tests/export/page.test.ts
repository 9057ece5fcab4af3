import { describe, expect, it } from 'vitest';
import { pageLayout, pagePixels, scaleBar, tiles } from '../../src/export/page_layout';

describe('page layout', () => {
  it('gives A4 landscape at 300 dpi as 3508 × 2480 pixels, A3 portrait at 150 as 1754 × 2480', () => {
    expect(pagePixels({ paper: 'A4', orientation: 'landscape', dpi: 300 })).toEqual([3508, 2480]);
    expect(pagePixels({ paper: 'A3', orientation: 'portrait', dpi: 150 })).toEqual([1754, 2480]);
  });

  it('keeps title, map, legend and footer inside the page without overlap', () => {
    for (const orientation of ['landscape', 'portrait'] as const) {
      const layout = pageLayout({ paper: 'A4', orientation, dpi: 150 }, true);
      const { map, legend, title, footer } = layout;
      expect(map.y).toBeGreaterThanOrEqual(title.y + title.height);
      expect(footer.y).toBeGreaterThanOrEqual(
        Math.max(map.y + map.height, legend.y + legend.height),
      );
      expect(legend.x + legend.width).toBeLessThanOrEqual(layout.width);
      if (orientation === 'landscape') expect(legend.x).toBeGreaterThanOrEqual(map.x + map.width);
      else expect(legend.y).toBeGreaterThanOrEqual(map.y + map.height);
    }
  });

  it('picks a round scale-bar length', () => {
    expect(scaleBar(2, 400)).toEqual({ metres: 500, px: 250 });
    expect(scaleBar(0.9, 1000).metres).toBe(500);
    expect(scaleBar(30, 100).metres).toBe(2000);
  });

  it('cuts an image into tiles that cover it exactly', () => {
    const cut = tiles(4961, 3508, 2048);
    expect(cut).toHaveLength(6);
    expect(cut.reduce((s, t) => s + t.width * t.height, 0)).toBe(4961 * 3508);
    expect(Math.max(...cut.map((t) => Math.max(t.width, t.height)))).toBeLessThanOrEqual(2048);
  });
});
