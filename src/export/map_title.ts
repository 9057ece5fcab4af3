import type { AnalysisRequest } from '../analysis/analysis_run';
import type { StringKey } from '../ui/i18n';

type Translate = (key: StringKey) => string;

/** What a print map shows, for its title: the open analysis with its parameters, or none. */
export interface TitleSubject {
  place: string;
  analysis: AnalysisRequest | null;
  planOpen: boolean;
  scenarioName: string | null;
}

export const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );

/** The name of what the analysis measures, from the parameters in force (e.g. its radius). */
export function analysisSubject(request: AnalysisRequest, t: Translate): string {
  const p = request.parameters;
  if (request.tab === 'parks') {
    const extras = [
      ...(p.includeForest ? [t('export.titleWithForest')] : []),
      ...(p.includeGreenways
        ? [fill(t('export.titleWithGreenways'), { radius: p.greenwayRadiusMeters })]
        : []),
    ];
    const base = fill(t('export.titleTab.parks'), { radius: p.largeRadiusMeters });
    return extras.length
      ? `${base}${t('export.titleOpen')}${extras.join(t('export.titleJoin'))}${t('export.titleClose')}`
      : base;
  }
  if (request.tab === 'parking') {
    return fill(t('export.titleTab.parking'), { radius: p.parkingRadiusMeters });
  }
  const level = request.schoolLevel;
  const radius =
    level === 'kindergarten'
      ? p.kindergartenRadiusMeters
      : level === 'primary'
        ? p.primaryRadiusMeters
        : p.middleRadiusMeters;
  const levelName = t(`legend.${level}`);
  return request.schoolView === 'catchments'
    ? fill(t('export.titleTab.catchments'), { level: levelName })
    : fill(t('export.titleTab.schools'), { level: levelName, radius });
}

/** The default title of a print map: place · subject, and the scenario while one is applied. */
export function mapTitle(subject: TitleSubject, t: Translate): string {
  const what = subject.analysis
    ? analysisSubject(subject.analysis, t)
    : subject.planOpen
      ? t('plan.title')
      : t('app.title');
  const scenario = subject.scenarioName
    ? ` · ${fill(t('export.titleScenario'), { name: subject.scenarioName })}`
    : '';
  return `${subject.place} · ${what}${scenario}`;
}

/** The radius the analysis measures, and what it measures from, for legend labels. */
export function analysisRadius(request: AnalysisRequest, t: Translate) {
  const p = request.parameters;
  if (request.tab === 'parks') return { what: t('export.what.parks'), radius: p.largeRadiusMeters };
  if (request.tab === 'parking') {
    return { what: t('export.what.parking'), radius: p.parkingRadiusMeters };
  }
  const radius = {
    kindergarten: p.kindergartenRadiusMeters,
    primary: p.primaryRadiusMeters,
    middle: p.middleRadiusMeters,
  }[request.schoolLevel];
  return { what: t(`export.what.${request.schoolLevel}`), radius };
}
