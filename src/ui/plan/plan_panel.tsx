import * as turf from '@turf/turf';
import { useState } from 'react';
import type { LayerData } from '../../data/load';
import type { PlanTask } from '../../data/plan_tasks';
import { projectsCsv, projectsGeoJson } from '../../data/project_status';
import type { AppFeature } from '../../data/schema';
import { useAppStore } from '../../state/store';
import { downloadText } from '../download';
import { useText } from '../use_text';
import { TargetsView } from './targets_view';
import { useProjects } from './use_projects';
import { ScenarioBadge } from '../scenario/scenario_badge';
import { keyOr } from '../i18n';

/** The plan's 23 tasks under their six headings; a chosen task shows its text and projects. */
export function PlanPanel({ data }: { data: LayerData }) {
  const t = useText();
  const plan = useAppStore((s) => s.plan);
  const setPlan = useAppStore((s) => s.setPlan);
  const language = useAppStore((s) => s.language);
  const [view, setView] = useState<'tasks' | 'targets'>('tasks');
  const projects = useProjects(data);
  if (!plan.open) return null;
  const { headings, tasks } = data.planTasks;
  const chosen = tasks.find((task) => task.number === plan.task) ?? null;
  const title = (item: { title: string; title_en: string }) =>
    language === 'en' && item.title_en ? item.title_en : item.title;
  return (
    <section className="plan-panel" data-testid="plan-panel">
      <button
        type="button"
        className="close"
        aria-label={t('panel.close')}
        onClick={() => setPlan({ open: false, task: null })}
      >
        ×
      </button>
      <h2>{t('plan.title')}</h2>
      <ScenarioBadge />
      {!chosen && (
        <div className="segmented" role="tablist">
          {(['tasks', 'targets'] as const).map((v) => (
            <button
              key={v}
              type="button"
              role="tab"
              aria-selected={v === view}
              data-testid={`plan-view-${v}`}
              onClick={() => setView(v)}
            >
              {t(`plan.view.${v}`)}
            </button>
          ))}
        </div>
      )}
      {!chosen && view === 'targets' ? (
        <TargetsView data={data} />
      ) : chosen ? (
        <TaskDetail data={data} task={chosen} title={title(chosen)} />
      ) : (
        headings.map((heading) => (
          <section key={heading.number} className="plan-heading">
            <h3>{title(heading)}</h3>
            <ol>
              {tasks
                .filter((task) => task.heading === heading.number)
                .map((task) => (
                  <li key={task.number} value={task.number}>
                    <button
                      type="button"
                      className="link"
                      data-testid={`plan-task-${task.number}`}
                      onClick={() => setPlan({ open: true, task: task.number })}
                    >
                      {title(task)}
                    </button>
                    <small> · {projectsOf(projects, task.number).length}</small>
                  </li>
                ))}
            </ol>
          </section>
        ))
      )}
      <div className="plan-export">
        <button
          type="button"
          data-testid="plan-export-geojson"
          onClick={() =>
            downloadText(
              'huitian-plan-projects.geojson',
              projectsGeoJson(projects),
              'application/geo+json',
            )
          }
        >
          {t('plan.exportGeoJson')}
        </button>
        <button
          type="button"
          data-testid="plan-export-csv"
          onClick={() =>
            downloadText('huitian-plan-projects.csv', projectsCsv(projects), 'text/csv')
          }
        >
          {t('plan.exportCsv')}
        </button>
      </div>
    </section>
  );
}

function projectsOf(projects: AppFeature[], task: number) {
  return projects.filter((f) => f.properties.task === task);
}

function TaskDetail({ data, task, title }: { data: LayerData; task: PlanTask; title: string }) {
  const t = useText();
  const language = useAppStore((s) => s.language);
  const setPlan = useAppStore((s) => s.setPlan);
  const select = useAppStore((s) => s.select);
  const flyTo = useAppStore((s) => s.flyTo);
  const projects = projectsOf(useProjects(data), task.number);
  const unplaced = task.unplaced_projects ?? [];
  return (
    <div data-testid="plan-task">
      <button type="button" className="link" onClick={() => setPlan({ open: true, task: null })}>
        ← {t('plan.back')}
      </button>
      <h3 data-testid="plan-task-title">
        {t('plan.task')} {task.number} · {title}
      </h3>
      <blockquote lang="zh-CN">
        {task.title}。{task.text}
      </blockquote>
      {language === 'en' && <small className="source-note">{t('plan.chinese')}</small>}
      <p className="plan-units">
        <strong>{t('plan.units')}</strong>
        {t('punct.colon')}
        <span lang="zh-CN">{task.responsible_units.join('、')}</span>
      </p>
      <h3>
        {t('plan.projects')} · {projects.length}
      </h3>
      {projects.length === 0 && unplaced.length === 0 && (
        <p className="hint">{t('plan.noProjects')}</p>
      )}
      <ul className="plan-projects">
        {projects.map((project) => (
          <li
            key={project.properties.id}
            data-testid="plan-project"
            data-accuracy={project.properties.accuracy}
          >
            <button
              type="button"
              className="link"
              onClick={() => {
                const [lon, lat] = turf.pointOnFeature(project).geometry.coordinates as [
                  number,
                  number,
                ];
                select({ type: 'plan-project', id: project.properties.id });
                flyTo([lon, lat], 14);
              }}
            >
              {language === 'en' ? String(project.properties.name_en) : project.properties.name}
            </button>
            <small>
              {' '}
              · {t(keyOr(`status.${String(project.properties.status)}`, 'text.unknown'))}
              {' · '}
              {t(keyOr(`plan.stage.${String(project.properties.plan_stage)}`, 'text.unknown'))}
              {project.properties.accuracy === 'approximate' && ` · ${t('accuracy.approximate')}`}
            </small>
          </li>
        ))}
      </ul>
      {unplaced.length > 0 && (
        <>
          <h3>{t('plan.unplaced')}</h3>
          <ul className="plan-projects unplaced" data-testid="plan-unplaced">
            {unplaced.map((project) => (
              <li key={project.name}>
                {language === 'en' ? project.name_en : project.name}
                <small> · {language === 'en' ? project.reason : project.reason_zh}</small>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
