import type { AnalysisResult } from '../../analysis/analysis_run';
import { SERVED_SCHOOL_LEVELS } from '../../analysis/coverage_report';
import type { CompletenessTable } from '../../data/completeness';
import { useAppStore } from '../../state/store';
import { useText } from '../use_text';
import { AnalysisLegend } from './analysis_legend';
import { CatchmentTable } from './catchment_table';
import { CoverageTable } from './coverage_table';
import { ParameterInput } from './parameter_input';

export function SchoolsTab({
  result,
  completeness,
}: {
  result: AnalysisResult | null;
  completeness: CompletenessTable;
}) {
  const t = useText();
  const level = useAppStore((s) => s.analysis.schoolLevel);
  const view = useAppStore((s) => s.analysis.schoolView);
  const updateAnalysis = useAppStore((s) => s.updateAnalysis);
  const includeUnverified = useAppStore((s) => s.analysis.parameters.includeUnverifiedSchools);
  const setParameters = useAppStore((s) => s.setParameters);
  return (
    <div data-testid="analysis-schools">
      <fieldset className="parameters">
        <ParameterInput parameter="kindergartenRadiusMeters" unit="m" />
        <ParameterInput parameter="primaryRadiusMeters" unit="m" />
        <ParameterInput parameter="middleRadiusMeters" unit="m" />
        <label className="toggle">
          <input
            type="checkbox"
            data-testid="param-include-unverified-schools"
            checked={includeUnverified}
            onChange={(event) => setParameters({ includeUnverifiedSchools: event.target.checked })}
          />
          {t('param.includeUnverifiedSchools')}
        </label>
        <p className="source-note">{t('source.schools')}</p>
      </fieldset>
      {result && (
        <CoverageTable
          rows={result.rows}
          scenarioRows={result.scenarios?.[0]?.rows}
          network={result.network}
          scenarioNetwork={result.scenarios?.[0]?.network}
          indicators={SERVED_SCHOOL_LEVELS}
          completeness={completeness}
          showCoveredArea={false}
        />
      )}
      <div className="segmented" role="radiogroup" aria-label={t('schools.level')}>
        {SERVED_SCHOOL_LEVELS.map((l) => (
          <button
            key={l}
            type="button"
            role="radio"
            aria-checked={l === level}
            data-testid={`school-level-${l}`}
            onClick={() => updateAnalysis({ schoolLevel: l })}
          >
            {t(`legend.${l}`)}
          </button>
        ))}
      </div>
      <div className="segmented" role="radiogroup">
        {(['coverage', 'catchments'] as const).map((v) => (
          <button
            key={v}
            type="button"
            role="radio"
            aria-checked={v === view}
            data-testid={`school-view-${v}`}
            onClick={() => updateAnalysis({ schoolView: v })}
          >
            {t(`schools.view.${v}`)}
          </button>
        ))}
      </div>
      <AnalysisLegend
        entries={view === 'catchments' ? ['catchment'] : ['served', 'gap', 'unknown']}
      />
      {view === 'catchments' && result?.catchments && (
        <CatchmentTable catchments={result.catchments} />
      )}
    </div>
  );
}
