import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_VISIBLE_LAYERS } from '../../src/layers/catalog';
import { DEFAULT_VIEW, useAppStore } from '../../src/state/store';

beforeEach(() => {
  useAppStore.setState({
    language: 'zh',
    view: DEFAULT_VIEW,
    visibleLayers: [...DEFAULT_VISIBLE_LAYERS],
    selection: { type: 'none' },
    hoveredSubdistrict: null,
  });
});

describe('the app store', () => {
  it('starts in Chinese on the whole area', () => {
    const state = useAppStore.getState();
    expect(state.language).toBe('zh');
    expect(state.view).toEqual(DEFAULT_VIEW);
    expect(state.visibleLayers).toContain('subdistricts');
    expect(state.visibleLayers).toContain('plan-layout');
  });

  it('toggles a layer off and on again', () => {
    useAppStore.getState().toggleLayer('parks');
    expect(useAppStore.getState().visibleLayers).not.toContain('parks');
    useAppStore.getState().toggleLayer('parks');
    expect(useAppStore.getState().visibleLayers).toContain('parks');
  });

  it('holds one selection at a time', () => {
    useAppStore.getState().select({ type: 'subdistrict', name: '霍营街道' });
    useAppStore.getState().select({ type: 'plan-element', id: 'plan-axis' });
    expect(useAppStore.getState().selection).toEqual({ type: 'plan-element', id: 'plan-axis' });
  });
});
