declare module 'osmtogeojson' {
  import type { FeatureCollection } from 'geojson';
  interface Options {
    flatProperties?: boolean;
    verbose?: boolean;
  }
  function osmtogeojson(data: unknown, options?: Options): FeatureCollection;
  export default osmtogeojson;
}
