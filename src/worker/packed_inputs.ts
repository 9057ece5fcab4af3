import type { CoverageInputs } from '../analysis/coverage_report';
import {
  type CompactChunk,
  type CompactFeatures,
  transferables,
  yieldToPage,
} from '../data/compact_features';
import {
  type LayerTextPart,
  type PackedCollection,
  packCollection,
  unpackCollection,
} from '../data/layer_text';
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

/**
 * The packed inputs with every compact chunk copied, a chunk per task, and the buffers of the
 * copies to transfer: posted as they are, the chunks of 200,000 car parks would be copied in
 * the one task that posts them (about 90 ms in a trace of the built app). The chunks the page
 * keeps are left as they are.
 */
export async function movableInputs(
  inputs: CoverageInputs,
): Promise<{ packed: PackedInputs; transfer: ArrayBuffer[] }> {
  const transfer: ArrayBuffer[] = [];
  const copies = new Map<CompactFeatures, CompactFeatures>();
  const movable = async <C extends PackedCollection<AppFeatureCollection> | null | undefined>(
    collection: C,
  ): Promise<C> => {
    if (!collection || !('packed' in collection)) return collection;
    const parts: LayerTextPart[] = [];
    for (const part of collection.packed) {
      if (!('compact' in part)) {
        parts.push(part);
        continue;
      }
      let copy = copies.get(part.compact);
      if (!copy) {
        const chunks: CompactChunk[] = [];
        for (const chunk of part.compact.chunks) {
          chunks.push(copyChunk(chunk));
          await yieldToPage();
        }
        copy = { count: part.compact.count, chunks };
        copies.set(part.compact, copy);
        transfer.push(...transferables(copy));
      }
      parts.push({ compact: copy });
    }
    return { packed: parts } as C;
  };
  const packed = packInputs(inputs);
  return {
    packed: {
      ...packed,
      subdistricts: await movable(packed.subdistricts),
      residential: await movable(packed.residential),
      parks: await movable(packed.parks),
      schools: await movable(packed.schools),
      greenways: await movable(packed.greenways),
      carParks: await movable(packed.carParks),
    },
    transfer,
  };
}

function copyChunk({ count, properties, points, geometries }: CompactChunk): CompactChunk {
  return {
    count,
    properties: typeof properties === 'string' ? properties : properties.slice(),
    ...(points !== undefined ? { points: points.slice() } : {}),
    ...(geometries !== undefined
      ? { geometries: typeof geometries === 'string' ? geometries : geometries.slice() }
      : {}),
  };
}
