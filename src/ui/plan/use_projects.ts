import { useMemo } from 'react';
import type { LayerData } from '../../data/load';
import { applyStatusOverrides } from '../../data/project_status';
import { useAppStore } from '../../state/store';

/** The plan's projects with this browser's status updates applied. */
export function useProjects(data: LayerData) {
  const overrides = useAppStore((s) => s.projectStatus);
  return useMemo(
    () => applyStatusOverrides(data.layers['plan-projects'].features, overrides),
    [data, overrides],
  );
}
