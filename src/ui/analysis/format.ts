/** Number formats of the analysis tables. */
export const formatShare = (share: number | null | undefined) =>
  share === null || share === undefined ? null : `${(share * 100).toFixed(1)}%`;

export const formatKm2 = (m2: number | null | undefined) =>
  m2 === null || m2 === undefined ? null : (m2 / 1e6).toFixed(2);

export const formatMetres = (m: number | null | undefined) =>
  m === null || m === undefined ? null : `${Math.round(m)}`;
