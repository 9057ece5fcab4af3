import type { Feature } from 'geojson';
import type { StateCreator } from 'zustand';
import { type StoredNetwork, saveNetwork } from '../data/network_storage';

/** The imported walking network and the inspection's switch to measure along it. */
export interface NetworkSlice {
  walkNetwork: StoredNetwork | null;
  /** Keeps (or with null, removes) the network, in the store and in the browser. */
  setWalkNetwork: (network: StoredNetwork | null) => void;
  /** Restores a saved network without saving it again. */
  restoreWalkNetwork: (network: StoredNetwork | null) => void;
  /** Point inspection measures along the network (「步行网络」) instead of only the circle. */
  inspectByNetwork: boolean;
  setInspectByNetwork: (on: boolean) => void;
  /** The reachable area the inspection computed, for the map to draw. */
  networkReach: Feature[];
  setNetworkReach: (features: Feature[]) => void;
}

export const createNetworkSlice: StateCreator<
  NetworkSlice & { storageFailed: boolean },
  [],
  [],
  NetworkSlice
> = (set) => ({
  walkNetwork: null,
  setWalkNetwork: (walkNetwork) => {
    set({ walkNetwork, ...(walkNetwork ? {} : { inspectByNetwork: false, networkReach: [] }) });
    void saveNetwork(walkNetwork).then((ok) => {
      if (!ok) set({ storageFailed: true });
    });
  },
  restoreWalkNetwork: (walkNetwork) => set({ walkNetwork }),
  inspectByNetwork: false,
  setInspectByNetwork: (inspectByNetwork) =>
    set(inspectByNetwork ? { inspectByNetwork } : { inspectByNetwork, networkReach: [] }),
  networkReach: [],
  setNetworkReach: (networkReach) => set({ networkReach }),
});
