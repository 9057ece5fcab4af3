/**
 * Web Mercator in the unit square MapLibre draws in: x from 0 at 180° W to 1 at 180° E, y
 * from 0 at the north edge (about 85.05° N) to 1 at the south edge, written as MapLibre's
 * own `MercatorCoordinate` writes it, so that positions made here fall where the map puts
 * its own.
 */
export const mercatorX = (lon: number) => (lon + 180) / 360;
export const mercatorY = (lat: number) =>
  (180 - (180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))) / 360;

/** The longitude of a Web Mercator x. */
export const mercatorLongitude = (x: number) => x * 360 - 180;
/** The latitude of a Web Mercator y. */
export const mercatorLatitude = (y: number) =>
  (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
