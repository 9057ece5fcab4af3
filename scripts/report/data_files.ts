import { statSync } from 'node:fs';
import { join } from 'node:path';
import { geometryProblems } from '../../src/data/check';
import { type LayerId, layerFileName } from '../../src/data/layers';
import {
  exceeds,
  featureListProblem,
  limitMessageBoth,
  parseJsonWithinLimits,
} from '../../src/data/limits';
import { asLayer } from '../../src/data/load';
import type { AppFeatureCollection } from '../../src/data/schema';
import { FeatureCounter } from '../../src/data/feature_count';
import { type ReadWatch, assertRegularFile, readInputFile } from './files';
import { UsageError } from './options';

type Progress = (line: string) => void;

/**
 * A JSON file the report was pointed at, through the gate every file from outside passes: a
 * regular file within the file-size limit, nested no deeper than the nesting limit, then parsed.
 */
export function readJsonWithinLimits(path: string, progress: Progress, watch?: ReadWatch): unknown {
  assertRegularFile(path);
  const tooLarge = exceeds('fileBytes', statSync(path).size);
  if (tooLarge) throw new UsageError(`${path}: ${limitMessageBoth(tooLarge)}`);
  const json = parseJsonWithinLimits(readInputFile(path, progress, undefined, watch));
  if (json.ok) return json.value;
  if (json.limit) throw new UsageError(`${path}: ${limitMessageBoth(json.limit)}`);
  throw new UsageError(`${path}: not valid JSON`);
}

/**
 * A layer of a data folder, held to what an import must pass: the file limits above, the
 * layer's schema, the limits on features and vertices, and every feature's geometry (closed,
 * simple rings, positions in the area). The first problem refuses the file, naming the feature.
 */
export function readDataLayer(
  dir: string,
  layer: LayerId,
  progress: Progress,
): AppFeatureCollection {
  const path = join(dir, layerFileName(layer));
  // Features are counted as the bytes are read: too many are refused before decoding and
  // parsing, which take most of the time and memory of such a file.
  const features = new FeatureCounter();
  const value = readJsonWithinLimits(path, progress, {
    chunk: (bytes) => features.add(bytes),
    end: () => {
      const tooMany = exceeds('featuresPerImport', features.count);
      if (tooMany) throw new UsageError(`${path}: ${limitMessageBoth(tooMany)}`);
    },
  });
  let collection: AppFeatureCollection;
  try {
    collection = asLayer(layer, value);
  } catch (error) {
    throw new UsageError(`${path}: ${(error as Error).message}`);
  }
  const tooMuch = featureListProblem(collection.features);
  if (tooMuch) {
    const { featureIndex, ...limit } = tooMuch;
    const where = featureIndex === undefined ? '' : `feature ${featureIndex}: `;
    throw new UsageError(`${path}: ${where}${limitMessageBoth(limit)}`);
  }
  collection.features.forEach((feature, i) => {
    const problems = geometryProblems(feature);
    if (problems.length > 0) {
      const id = feature.properties?.id;
      const name = id === undefined ? `feature ${i}` : `feature ${i} (${String(id)})`;
      throw new UsageError(`${path}: ${name}: ${problems.join('; ')}`);
    }
  });
  return collection;
}
