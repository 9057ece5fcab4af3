import gcoord from 'gcoord';

export type SourceCrs = 'WGS-84' | 'GCJ-02' | 'BD-09';

const GCOORD_CRS = {
  'WGS-84': gcoord.WGS84,
  'GCJ-02': gcoord.GCJ02,
  'BD-09': gcoord.BD09,
} as const;

/** Converts one [lon, lat] position from a Chinese web-map system to WGS-84. */
export function toWgs84(position: readonly [number, number], from: SourceCrs): [number, number] {
  if (from === 'WGS-84') return [position[0], position[1]];
  const [lon, lat] = gcoord.transform([position[0], position[1]], GCOORD_CRS[from], gcoord.WGS84);
  return [lon, lat];
}
