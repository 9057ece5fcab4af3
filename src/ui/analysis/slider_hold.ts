import { type KeyboardEvent, useEffect, useId } from 'react';
import { useAppStore } from '../../state/store';

/** The keys with which a range input changes its value. */
const SLIDER_KEYS = new Set([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'PageUp',
  'PageDown',
  'Home',
  'End',
]);

/**
 * How long after a key is let go a keyboard change counts as finished: longer than the pause
 * between deliberate presses, short enough that the map follows soon after the last one.
 */
export const KEYBOARD_PAUSE_MS = 600;

/** The slider the keyboard holds (one at most: only one has the focus). */
let keyboardHold: { slider: string; timer?: ReturnType<typeof setTimeout> } | null = null;

/** Ends the keyboard's hold (of `slider` only, when given). */
function letGoOfKeys(slider?: string) {
  if (!keyboardHold || (slider && keyboardHold.slider !== slider)) return;
  clearTimeout(keyboardHold.timer);
  keyboardHold = null;
  useAppStore.getState().holdSlider(false);
}

const POINTER_ENDS = ['pointerup', 'pointercancel', 'blur'] as const;

/**
 * Event handlers for a parameter slider that hold it (the store's `sliderHeld`) while it is in
 * use, so that the table and a preview follow each step and the map's sources take the result
 * once, when the planner is done:
 * - with the pointer, from the button going down until it is let go, wherever the pointer is
 *   by then;
 * - with the keyboard, from the first arrow (PageUp/PageDown, Home, End) press until no key
 *   has been pressed for KEYBOARD_PAUSE_MS after the last was let go, or the slider loses
 *   the focus.
 */
export function useSliderHold() {
  const holdSlider = useAppStore((s) => s.holdSlider);
  const hoverSlider = useAppStore((s) => s.hoverSlider);
  const slider = useId();

  // A slider that goes away gets no pointerleave, nor a blur when it has the focus.
  useEffect(
    () => () => {
      hoverSlider(false);
      letGoOfKeys(slider);
    },
    [hoverSlider, slider],
  );

  return {
    onPointerEnter: () => hoverSlider(true),
    onPointerLeave: () => hoverSlider(false),
    onPointerDown: () => {
      // The pointer takes over from the keyboard (the blur that follows must not let go).
      if (keyboardHold) {
        clearTimeout(keyboardHold.timer);
        keyboardHold = null;
      }
      holdSlider(true);
      const letGo = () => {
        for (const type of POINTER_ENDS) window.removeEventListener(type, letGo);
        holdSlider(false);
      };
      for (const type of POINTER_ENDS) window.addEventListener(type, letGo);
    },
    onKeyDown: (event: KeyboardEvent) => {
      if (!SLIDER_KEYS.has(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
      if (keyboardHold?.slider === slider) clearTimeout(keyboardHold.timer);
      else {
        letGoOfKeys();
        keyboardHold = { slider };
        holdSlider(true);
      }
    },
    // Any key let go starts the pause; a key still held down repeats and so restarts it.
    onKeyUp: () => {
      const hold = keyboardHold;
      if (hold?.slider !== slider) return;
      clearTimeout(hold.timer);
      hold.timer = setTimeout(() => letGoOfKeys(slider), KEYBOARD_PAUSE_MS);
    },
    onBlur: () => letGoOfKeys(slider),
  };
}
