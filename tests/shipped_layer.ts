/** A layer of the shipped data in public/geo, read as the app reads it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LayerId, layerFileName } from '../src/data/layers';
import { asLayer } from '../src/data/load';

export const SHIPPED_GEO_DIR = join(import.meta.dirname, '../public/geo');

export const loadShippedLayer = (layer: LayerId) =>
  asLayer(layer, JSON.parse(readFileSync(join(SHIPPED_GEO_DIR, layerFileName(layer)), 'utf8')));
