import { useEffect, useMemo, useState } from 'react';
import { coverageInputs } from '../../analysis/coverage_inputs';
import { measuredStock } from '../../analysis/plan_targets';
import type { LayerData } from '../../data/load';
import type { PlanTarget } from '../../data/plan_tasks';
import { useAppStore } from '../../state/store';
import { createAnalysisClient } from '../../worker/analysis_client';
import { useText } from '../use_text';
import { useFormats } from '../use_formats';

/** The plan's 2025 targets beside what the data measures, each labelled as plan or measured. */
export function TargetsView({ data }: { data: LayerData }) {
  const t = useText();
  const f = useFormats();
  const parameters = useAppStore((s) => s.analysis.parameters);
  const stock = useMemo(
    () =>
      measuredStock({
        roads: data.layers.roads,
        schools: data.layers.schools,
        carParks: data.layers['car-parks'],
      }),
    [data],
  );
  const [parkShare, setParkShare] = useState<{ key: string; share: number | null } | null>(null);
  const key = JSON.stringify(parameters);
  useEffect(() => {
    // Its own worker, so that it never displaces a run of the analysis panel.
    const client = createAnalysisClient(coverageInputs(data));
    client
      .run(
        { tab: 'parks', parameters, schoolLevel: 'primary', schoolView: 'coverage' },
        [],
        () => {},
      )
      .then((answer) => {
        if (answer) {
          setParkShare({ key, share: answer.result.rows.at(-1)!.figures.parks!.share });
        }
      })
      .catch(() => setParkShare({ key, share: null }));
    return () => client.dispose();
  }, [data, parameters, key]);

  const measured = (target: PlanTarget): string => {
    switch (target.key) {
      case 'roads':
        // Existing road set against a goal of new road would compare unlike things.
        return t('target.measuredRoads')
          .replace('{v}', f.number(stock.mainRoadsKm, 1))
          .replace('{plan}', target.value === null ? '—' : f.number(target.value));
      case 'school-places':
        return t('target.measuredSchools').replace('{v}', String(stock.schools));
      case 'parking':
        return stock.carParks === null ? t('target.measuredParking') : String(stock.carParks);
      case 'park-coverage':
        if (parkShare?.key !== key) return t('target.computing');
        return parkShare.share === null
          ? t('target.noMeasure')
          : `${f.percent(parkShare.share)} · ${t('target.measuredPark')}`;
      default:
        return t('target.noMeasure');
    }
  };
  return (
    <table className="coverage-table targets" data-testid="plan-targets">
      <thead>
        <tr>
          <th scope="col" />
          <th scope="col">{t('target.plan')}</th>
          <th scope="col">{t('target.measured')}</th>
        </tr>
      </thead>
      <tbody>
        {data.planTasks.targets.map((target) => (
          <tr key={target.key} data-testid={`target-${target.key}`}>
            <th scope="row">{t(`target.${target.key}`)}</th>
            <td title={target.plan_words}>
              {target.value === null ? t('target.planRank') : f.number(target.value)}
              <br />
              {/* The plan's own words, quoted in Chinese in either language. */}
              <small lang="zh-CN">{target.plan_words}</small>
            </td>
            <td data-testid={`target-${target.key}-measured`}>{measured(target)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
