import type { LegendEntry } from '../layers/catalog';

export function LegendSwatch({ swatch }: { swatch: LegendEntry['swatch'] }) {
  const style =
    swatch.type === 'fill'
      ? {
          background: swatch.hatched
            ? `repeating-linear-gradient(135deg, ${swatch.colour} 0 1.5px, #e4e4e4 1.5px 4px)`
            : swatch.colour,
          border: swatch.dashed ? `1.5px dashed ${swatch.colour}` : undefined,
          opacity: swatch.dashed ? 0.6 : 1,
        }
      : swatch.type === 'line'
        ? { borderTop: `3px ${swatch.dashed ? 'dashed' : 'solid'} ${swatch.colour}`, height: 0 }
        : {
            background: swatch.filled ? swatch.colour : '#fff',
            border: `2px solid ${swatch.colour}`,
            borderRadius: '50%',
          };
  return <span className={`swatch swatch-${swatch.type}`} style={style} aria-hidden="true" />;
}
