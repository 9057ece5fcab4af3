import type { ReadSummary } from '../../import/types';
import { SelectField } from '../select_field';
import { useText } from '../use_text';

/** The CSV's coordinate columns (detected, changeable) over a preview of its first rows. */
export function CsvColumns({
  table,
  lon,
  lat,
  onLon,
  onLat,
}: {
  table: NonNullable<Extract<ReadSummary, { ok: true }>['table']>;
  lon: string;
  lat: string;
  onLon: (column: string) => void;
  onLat: (column: string) => void;
}) {
  const t = useText();
  const columns = [
    { value: '', label: '—' },
    ...table.columns.map((c) => ({ value: c, label: c })),
  ];
  return (
    <div className="csv-columns">
      <div className="fields">
        <SelectField
          label={t('import.lonColumn')}
          testId="import-lon-column"
          value={lon}
          onChange={onLon}
          options={columns}
        />
        <SelectField
          label={t('import.latColumn')}
          testId="import-lat-column"
          value={lat}
          onChange={onLat}
          options={columns}
        />
      </div>
      <div className="csv-preview">
        <table data-testid="import-csv-preview">
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c} className={c === lon || c === lat ? 'picked' : undefined}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.preview.map((row, i) => (
              <tr key={i}>
                {table.columns.map((c, j) => (
                  <td key={c}>{row[j] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
