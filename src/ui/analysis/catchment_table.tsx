import type { SchoolCatchment } from '../../analysis/school_catchments';
import { useText } from '../use_text';
import { markedName } from '../inspection/place_name';
import { useTableFormats } from './format';

/** Per school of the chosen level: blocks, residential land, mean and farthest distance. */
export function CatchmentTable({ catchments }: { catchments: SchoolCatchment[] }) {
  const t = useText();
  const format = useTableFormats();
  const serving = catchments
    .filter((c) => c.blocks > 0)
    .sort((a, b) => b.residentialAreaM2 - a.residentialAreaM2);
  const idle = catchments.length - serving.length;
  return (
    <>
      <h3>{t('schools.catchmentsTitle')}</h3>
      <p className="source-note" data-testid="catchment-not-official">
        {t('schools.notOfficial')}
      </p>
      <table className="coverage-table catchments" data-testid="catchment-table">
        <thead>
          <tr>
            <th scope="col">{t('schools.school')}</th>
            <th scope="col" className="number">
              {t('schools.blocks')}
            </th>
            <th scope="col" className="number">
              {t('schools.area')}
              <br />
              <small>{t('unit.km2')}</small>
            </th>
            <th scope="col" className="number">
              {t('schools.mean')}
              <br />
              <small>{t('unit.m')}</small>
            </th>
            <th scope="col" className="number">
              {t('schools.max')}
              <br />
              <small>{t('unit.m')}</small>
            </th>
          </tr>
        </thead>
        <tbody>
          {serving.map((c) => (
            <tr key={c.schoolId} data-testid="catchment-row">
              <th scope="row">
                {c.schoolName
                  ? markedName(c.schoolName, c.englishOnlyName, t)
                  : t('schools.unnamed')}
              </th>
              <td className="number">{c.blocks}</td>
              <td className="number">{format.km2(c.residentialAreaM2)}</td>
              <td className="number">{format.metres(c.meanDistanceM)}</td>
              <td className="number">{format.metres(c.maxDistanceM)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {idle > 0 && (
        <p className="source-note">{t('schools.emptyCatchments').replace('{n}', String(idle))}</p>
      )}
    </>
  );
}
