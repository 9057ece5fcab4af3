/** Number formats of the analysis tables. */
export const formatShare = (share: number | null | undefined) =>
  share === null || share === undefined ? null : `${(share * 100).toFixed(1)}%`;

export const formatKm2 = (m2: number | null | undefined) =>
  m2 === null || m2 === undefined ? null : (m2 / 1e6).toFixed(2);

export const formatMetres = (m: number | null | undefined) =>
  m === null || m === undefined ? null : `${Math.round(m)}`;

/** A change of share in percentage points, signed: "+6.2", "−0.4", "±0.0". */
export const formatShareChange = (change: number) => {
  const points = change * 100;
  if (Math.abs(points) < 0.05) return '±0.0';
  return `${points > 0 ? '+' : '−'}${Math.abs(points).toFixed(1)}`;
};
