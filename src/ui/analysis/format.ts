import type { Formats } from '../i18n';
import { useFormats } from '../use_formats';

/** Number formats of the analysis tables, in the app's language. */
export interface TableFormats {
  share: (share: number | null | undefined) => string | null;
  km2: (m2: number | null | undefined) => string | null;
  metres: (m: number | null | undefined) => string | null;
  /** A change of share in percentage points, signed: "+6.2", "−0.4", "±0.0". */
  shareChange: (change: number) => string;
}

export function tableFormats(f: Formats): TableFormats {
  return {
    share: (share) => (share === null || share === undefined ? null : f.percent(share, 1)),
    km2: (m2) => (m2 === null || m2 === undefined ? null : f.number(m2 / 1e6, 2)),
    metres: (m) => (m === null || m === undefined ? null : f.number(m, 0)),
    shareChange: (change) => {
      const points = change * 100;
      if (Math.abs(points) < 0.05) return `±${f.number(0, 1)}`;
      return `${points > 0 ? '+' : '−'}${f.number(Math.abs(points), 1)}`;
    },
  };
}

export function useTableFormats(): TableFormats {
  const f = useFormats();
  return tableFormats(f);
}
