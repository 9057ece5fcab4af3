export interface HistogramBin {
  /** Lower edge, metres. */
  fromM: number;
  /** Upper edge, metres; null for the open last bin. */
  toM: number | null;
  /** Residential land whose distance falls in the bin, m². */
  areaM2: number;
  /** Its share of all the land counted (0–1). */
  share: number;
}

/** Area-weighted histogram of distances in `binM` steps up to `maxM`, then one open bin. */
export function distanceHistogram(
  entries: { areaM2: number; distanceM: number }[],
  binM = 100,
  maxM = 1000,
): HistogramBin[] {
  const count = Math.ceil(maxM / binM);
  const bins: HistogramBin[] = Array.from({ length: count + 1 }, (_, i) => ({
    fromM: i * binM,
    toM: i < count ? (i + 1) * binM : null,
    areaM2: 0,
    share: 0,
  }));
  let total = 0;
  for (const { areaM2, distanceM } of entries) {
    const i = Math.min(count, Math.floor(distanceM / binM));
    bins[i]!.areaM2 += areaM2;
    total += areaM2;
  }
  for (const bin of bins) bin.share = total > 0 ? bin.areaM2 / total : 0;
  return bins;
}
