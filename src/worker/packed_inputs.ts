import type { CoverageInputs } from '../analysis/coverage_report';
import { type PackedCollection, packCollection, unpackCollection } from '../data/layer_text';
import type { AppFeatureCollection } from '../data/schema';

/**
 * The analysis data as sent to its worker: each large layer composed of imports (200,000
 * car parks) goes as the compact chunks it is stored in, a block copy each, and the worker
 * decodes them; the rest as they are.
 */
export type PackedInputs = {
  [K in keyof CoverageInputs]: CoverageInputs[K] extends AppFeatureCollection
    ? PackedCollection<AppFeatureCollection>
    : CoverageInputs[K] extends AppFeatureCollection | null
      ? PackedCollection<AppFeatureCollection> | null
      : CoverageInputs[K] extends AppFeatureCollection | undefined
        ? PackedCollection<AppFeatureCollection> | undefined
        : CoverageInputs[K];
};

export function packInputs(inputs: CoverageInputs): PackedInputs {
  return {
    ...inputs,
    subdistricts: packCollection(inputs.subdistricts),
    residential: packCollection(inputs.residential),
    parks: packCollection(inputs.parks),
    schools: packCollection(inputs.schools),
    greenways: inputs.greenways && packCollection(inputs.greenways),
    carParks: inputs.carParks && packCollection(inputs.carParks),
  };
}

export function unpackInputs(packed: PackedInputs): CoverageInputs {
  return {
    ...packed,
    subdistricts: unpackCollection(packed.subdistricts),
    residential: unpackCollection(packed.residential),
    parks: unpackCollection(packed.parks),
    schools: unpackCollection(packed.schools),
    greenways: packed.greenways && unpackCollection(packed.greenways),
    carParks: packed.carParks && unpackCollection(packed.carParks),
  };
}
