import type { Feature } from 'geojson';
import type { StateCreator } from 'zustand';
import { NETWORK_KEY, type StoredNetwork, saveNetwork } from '../data/network_storage';
import type { RecordRead, SkippedRecord } from '../data/saved_work_store';
import { type SavedRecordKind, withRefused } from './storage_refused';

/** The imported walking network and the inspection's switch to measure along it. */
export interface NetworkSlice {
  walkNetwork: StoredNetwork | null;
  /** Keeps (or with null, removes) the network, in the store and in the browser. */
  setWalkNetwork: (network: StoredNetwork | null) => void;
  /**
   * Takes the saved network as read through the gate, without saving it again: a damaged one
   * is left out and named with the other skipped records.
   */
  restoreWalkNetwork: (read: RecordRead<StoredNetwork | null>) => void;
  /** Point inspection measures along the network (「步行网络」) instead of only the circle. */
  inspectByNetwork: boolean;
  setInspectByNetwork: (on: boolean) => void;
  /** The reachable area the inspection computed, for the map to draw. */
  networkReach: Feature[];
  setNetworkReach: (features: Feature[]) => void;
}

/** The state with this network, and without the inspection along a network that is gone. */
const withNetwork = (walkNetwork: StoredNetwork | null, skippedRecords: SkippedRecord[]) => ({
  walkNetwork,
  ...(walkNetwork ? {} : { inspectByNetwork: false, networkReach: [] }),
  skippedRecords: skippedRecords.filter((r) => r.key !== NETWORK_KEY),
});

export const createNetworkSlice: StateCreator<
  NetworkSlice & {
    storageRefused: readonly SavedRecordKind[];
    skippedRecords: SkippedRecord[];
  },
  [],
  [],
  NetworkSlice
> = (set) => ({
  walkNetwork: null,
  setWalkNetwork: (walkNetwork) => {
    // A new network (or a removal) takes the place of a damaged record too.
    set((state) => withNetwork(walkNetwork, state.skippedRecords));
    void saveNetwork(walkNetwork).then((ok) => {
      if (!ok) set((state) => ({ storageRefused: withRefused(state.storageRefused, 'network') }));
    });
  },
  restoreWalkNetwork: (read) =>
    set((state) => {
      const next = withNetwork(read.ok ? read.value : null, state.skippedRecords);
      return read.ok ? next : { ...next, skippedRecords: [...next.skippedRecords, read.skipped] };
    }),
  inspectByNetwork: false,
  setInspectByNetwork: (inspectByNetwork) =>
    set(inspectByNetwork ? { inspectByNetwork } : { inspectByNetwork, networkReach: [] }),
  networkReach: [],
  setNetworkReach: (networkReach) => set({ networkReach }),
});
