import type { AnalysisResult } from '../../analysis/analysis_run';
import { parameterProblems } from '../../analysis/coverage_parameters';
import type { CompletenessTable } from '../../data/completeness';
import { useAppStore } from '../../state/store';
import { useText } from '../use_text';
import { AnalysisLegend } from './analysis_legend';
import { CoverageTable } from './coverage_table';
import { ParameterInput } from './parameter_input';

export function ParksTab({
  result,
  completeness,
}: {
  result: AnalysisResult | null;
  completeness: CompletenessTable;
}) {
  const t = useText();
  const parameters = useAppStore((s) => s.analysis.parameters);
  const setParameters = useAppStore((s) => s.setParameters);
  const smallAboveLarge = parameterProblems(parameters).smallParkMinAreaM2 === 'smallAboveLarge';
  return (
    <div data-testid="analysis-parks">
      <fieldset className="parameters">
        <ParameterInput parameter="largeParkMinAreaM2" unit="m2" />
        <ParameterInput parameter="largeRadiusMeters" unit="m" />
        <ParameterInput
          parameter="smallParkMinAreaM2"
          unit="m2"
          extraProblem={smallAboveLarge ? t('param.error.smallAboveLarge') : null}
        />
        <ParameterInput parameter="smallRadiusMeters" unit="m" />
        <label className="toggle">
          <input
            type="checkbox"
            data-testid="param-include-forest"
            checked={parameters.includeForest}
            onChange={(event) => setParameters({ includeForest: event.target.checked })}
          />
          {t('param.includeForest')}
        </label>
        <label className="toggle">
          <input
            type="checkbox"
            data-testid="param-include-greenways"
            checked={parameters.includeGreenways}
            onChange={(event) => setParameters({ includeGreenways: event.target.checked })}
          />
          {t('param.includeGreenways')}
        </label>
        {parameters.includeGreenways && (
          <ParameterInput parameter="greenwayRadiusMeters" unit="m" />
        )}
        <p className="source-note">{t('source.parks')}</p>
      </fieldset>
      {result && (
        <CoverageTable
          rows={result.rows}
          scenarioRows={result.scenarios?.[0]?.rows}
          network={result.network}
          scenarioNetwork={result.scenarios?.[0]?.network}
          indicators={['parks']}
          completeness={completeness}
          showCoveredArea
        />
      )}
      <p className="source-note">{t('analysis.target')}</p>
      <AnalysisLegend entries={['served', 'gap', 'unknown']} />
    </div>
  );
}
