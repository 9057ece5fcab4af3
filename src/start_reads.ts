import { loadLayerData } from './data/load';
import { loadNetwork } from './data/network_storage';
import { loadSavedWork } from './data/saved_work';
import { startMapWorkers } from './map/map_workers';
import { checkImport, checkScenario } from './worker/import_record_client';

/**
 * What a start reads: the shipped layers, the saved work (through the restore's gate, in its
 * worker) and the saved network. Begun once, by main.tsx before React first renders, so that
 * a big import's read and check run while the page builds itself. Each part marks when it is
 * done: the stages of a start (see `npm run bench`).
 */
export interface StartReads {
  shipped: ReturnType<typeof loadLayerData>;
  work: ReturnType<typeof loadSavedWork>;
  network: ReturnType<typeof loadNetwork>;
}

let reads: StartReads | null = null;

const marked = <T>(name: string, done: Promise<T>) =>
  done.then((value) => {
    performance.mark(name);
    return value;
  });

export function startReads(): StartReads {
  if (reads) return reads;
  // The map's workers start while the saved work is read: the map is made once it is.
  startMapWorkers();
  reads = {
    shipped: marked('start:layers-loaded', loadLayerData(`${import.meta.env.BASE_URL}geo/`)),
    work: marked('start:saved-work-read', loadSavedWork(checkImport, checkScenario)),
    network: loadNetwork(),
  };
  return reads;
}
