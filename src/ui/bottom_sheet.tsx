import { type ReactNode, useMemo, useRef, useState } from 'react';
import { inspectPoint } from '../analysis/inspection';
import { lifeCircleChecks } from '../analysis/life_circle';
import type { LayerData } from '../data/load';
import { useAppStore } from '../state/store';
import { inspectionData } from './inspection/inspection_data';
import { useText } from './use_text';

export type SheetState = 'peek' | 'half' | 'full';
const STATES: SheetState[] = ['peek', 'half', 'full'];

/** Heights of the states (px), from the workspace's height; as in app.css. */
function heights(workspace: number): Record<SheetState, number> {
  return { peek: 148, half: workspace * 0.5, full: workspace - 56 };
}

/**
 * The side panels; on a phone a bottom sheet dragged by its handle between peek (the handle,
 * the life-circle summary and the search), half and full, the map above it always usable.
 * On a desktop the handle is hidden and this is the side column.
 */
export function BottomSheet({ data, children }: { data: LayerData; children: ReactNode }) {
  const t = useText();
  const [state, setState] = useState<SheetState>('half');
  const [dragHeight, setDragHeight] = useState<number | null>(null);
  const drag = useRef<{ startY: number; startHeight: number; moved: boolean } | null>(null);
  const sheet = useRef<HTMLElement>(null);
  const workspaceHeight = () => sheet.current?.parentElement?.clientHeight ?? 600;
  const onRelease = (height: number) => {
    const targets = heights(workspaceHeight());
    const nearest = STATES.reduce((a, b) =>
      Math.abs(targets[a] - height) <= Math.abs(targets[b] - height) ? a : b,
    );
    setState(nearest);
    setDragHeight(null);
  };
  return (
    <aside
      ref={sheet}
      className="side"
      data-testid="side"
      data-sheet={state}
      style={dragHeight === null ? undefined : { height: `${dragHeight}px` }}
    >
      <div
        className="sheet-handle"
        role="button"
        tabIndex={0}
        data-testid="sheet-handle"
        aria-label={t(`sheet.${state}`)}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' && event.key !== ' ') return;
          event.preventDefault();
          setState(STATES[(STATES.indexOf(state) + 1) % STATES.length]!);
        }}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          const startHeight = sheet.current?.getBoundingClientRect().height ?? 0;
          drag.current = { startY: event.clientY, startHeight, moved: false };
        }}
        onPointerMove={(event) => {
          const d = drag.current;
          if (!d) return;
          const dy = d.startY - event.clientY;
          if (Math.abs(dy) > 4) d.moved = true;
          if (!d.moved) return;
          const limits = heights(workspaceHeight());
          setDragHeight(Math.min(limits.full, Math.max(limits.peek, d.startHeight + dy)));
        }}
        onPointerUp={(event) => {
          const d = drag.current;
          drag.current = null;
          if (!d) return;
          if (d.moved) onRelease(d.startHeight + d.startY - event.clientY);
          else setState(STATES[(STATES.indexOf(state) + 1) % STATES.length]!);
        }}
        onPointerCancel={() => {
          drag.current = null;
          setDragHeight(null);
        }}
      >
        <span className="sheet-grip" aria-hidden="true" />
        <SheetSummary data={data} />
      </div>
      <div className="sheet-body">{children}</div>
    </aside>
  );
}

/** The life-circle result in one line, so the sheet's peek state still answers "is it met". */
function SheetSummary({ data }: { data: LayerData }) {
  const t = useText();
  const { open, lonLat, radiusM } = useAppStore((s) => s.inspection);
  // The indexes are built only once a point is inspected: over a large import they take long.
  const met = useMemo(() => {
    if (!open || !lonLat) return null;
    const { facilities } = inspectionData(data);
    const checks = lifeCircleChecks(inspectPoint(facilities, lonLat, radiusM).nearest);
    return { met: checks.filter((c) => c.met === true).length, total: checks.length };
  }, [data, open, lonLat, radiusM]);
  if (!met) return <span className="sheet-summary">{t('sheet.hint')}</span>;
  return (
    <span className="sheet-summary" data-testid="sheet-summary">
      {t('life.title')}
      {t('punct.colon')}
      {t('life.summary').replace('{n}', String(met.met)).replace('{total}', String(met.total))}
    </span>
  );
}
