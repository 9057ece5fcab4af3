import { useState } from 'react';
import { PROJECT_STATUSES, type ProjectStatus } from '../../data/plan_tasks';
import { isValidOverride } from '../../data/project_status';
import type { AppFeature } from '../../data/schema';
import { useAppStore } from '../../state/store';
import { useText } from '../use_text';

/** Lets a planner record a project's status; it is kept in this browser only. */
export function StatusEditor({ project }: { project: AppFeature }) {
  const t = useText();
  const setProjectStatus = useAppStore((s) => s.setProjectStatus);
  const p = project.properties;
  const [status, setStatus] = useState(String(p.status) as ProjectStatus);
  const [date, setDate] = useState(String(p.status_date));
  const [dateEdited, setDateEdited] = useState(false);
  const [note, setNote] = useState(p.status_edited ? String(p.status_note) : '');
  const override = { status, date, note };
  const valid = isValidOverride(override);
  return (
    <form
      className="status-editor"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) setProjectStatus(p.id, override);
      }}
    >
      <label>
        {t('project.status')}
        <select
          value={status}
          data-testid="project-status-select"
          onChange={(event) => {
            setStatus(event.target.value as ProjectStatus);
            // A new status holds from today, unless the planner has typed another date.
            if (!dateEdited) setDate(localToday());
          }}
        >
          {PROJECT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('project.date')}
        <input
          type="date"
          value={date}
          data-testid="project-status-date"
          onChange={(event) => {
            setDateEdited(true);
            setDate(event.target.value);
          }}
        />
      </label>
      <label className="wide">
        {t('project.note')}
        <input
          value={note}
          data-testid="project-status-note"
          placeholder={t('project.notePlaceholder')}
          onChange={(event) => setNote(event.target.value)}
        />
      </label>
      {!valid && (
        <span className="parameter-problem" role="alert">
          {t('project.badDate')}
        </span>
      )}
      <button type="submit" disabled={!valid} data-testid="project-status-save">
        {t('project.save')}
      </button>
      {Boolean(p.status_edited) && (
        <button
          type="button"
          data-testid="project-status-reset"
          onClick={() => setProjectStatus(p.id, null)}
        >
          {t('project.reset')}
        </button>
      )}
      <small className="wide">{t('project.localNote')}</small>
    </form>
  );
}

/** Today in the browser's own time zone, as YYYY-MM-DD. */
function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
