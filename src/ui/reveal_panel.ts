/** How long a panel opened from the header may take to appear (a lazy chunk, a first run). */
const WAIT_MS = 3000;

/**
 * Brings a panel just opened from the header into view: the side column (on a phone, the
 * bottom sheet) lists every open panel, and the new one may be below the others.
 */
export function revealPanel(className: string): void {
  const started = performance.now();
  const look = () => {
    const panel = document.querySelector(`.side .${className}`);
    if (panel) panel.scrollIntoView({ block: 'start', behavior: 'smooth' });
    else if (performance.now() - started < WAIT_MS) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}
