import type { LayerData } from '../../data/load';
import { useAppStore } from '../../state/store';
import { useText } from '../use_text';
import { StatusEditor } from './status_editor';
import { useProjects } from './use_projects';
import { ScenarioBadge } from '../scenario/scenario_badge';
import { formatDate, keyOr } from '../i18n';

/** One plan project: the plan's words, its task, status and where its position comes from. */
export function ProjectPanel({ data, id }: { data: LayerData; id: string }) {
  const t = useText();
  const language = useAppStore((s) => s.language);
  const setPlan = useAppStore((s) => s.setPlan);
  const project = useProjects(data).find((f) => f.properties.id === id);
  if (!project) return null;
  const p = project.properties;
  const task = data.planTasks.tasks.find((x) => x.number === p.task);
  return (
    <div data-testid="project-panel">
      <p className="eyebrow">{t('layer.plan-projects')}</p>
      <h2 data-testid="project-name">{language === 'en' ? String(p.name_en) : p.name}</h2>
      <ScenarioBadge />
      <blockquote lang="zh-CN">{String(p.plan_words)}</blockquote>
      <dl className="facts">
        <dt>{t('project.task')}</dt>
        <dd>
          <button
            type="button"
            className="link"
            onClick={() => setPlan({ open: true, task: Number(p.task) })}
          >
            {String(p.task)} · {language === 'en' ? task?.title_en : task?.title}
          </button>
        </dd>
        <dt>{t('project.status')}</dt>
        <dd data-testid="project-status">
          {t(keyOr(`status.${String(p.status)}`, 'text.unknown'))} ·{' '}
          <time dateTime={String(p.status_date)}>
            {formatDate(language, String(p.status_date))}
          </time>{' '}
          ·{' '}
          {p.status_edited
            ? String(p.status_note)
            : t('project.planNote')
                .replace('{date}', formatDate(language, String(p.status_date)))
                .replace('{stage}', t(keyOr(`plan.stage.${String(p.plan_stage)}`, 'text.unknown')))}
          {Boolean(p.status_edited) && <em className="edited"> {t('project.edited')}</em>}
        </dd>
        <dt>{t('facility.accuracy')}</dt>
        <dd>{t(`accuracy.${p.accuracy}`)}</dd>
        <dt>{t('project.placement')}</dt>
        <dd>{String(language === 'en' ? p.placement_note : p.placement_note_zh)}</dd>
      </dl>
      <StatusEditor
        key={`${p.id}-${String(p.status)}-${String(p.status_date)}`}
        project={project}
      />
    </div>
  );
}
