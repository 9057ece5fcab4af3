import { type ReactNode, useId } from 'react';
import { readNumberInRange } from '../analysis/plain_number';

/**
 * A number a person types, read strictly (a plain decimal within the limits, see
 * readNumberInRange). The text stays as typed while it cannot be used, so nothing is lost,
 * and the reason shows under the field; the caller is given the number only when it reads.
 * `layout`: `parameter` for the analysis panel's grid, `field` for a dialog's column.
 */
export function NumberField({
  label,
  text,
  limits,
  onChange,
  rangeMessage,
  problem,
  unit,
  hint,
  testId,
  problemTestId,
  layout,
  children,
}: {
  label: string;
  text: string;
  limits: { min: number; max: number };
  /** The text as typed, and its number (null when it cannot be used). */
  onChange: (text: string, value: number | null) => void;
  /** Shown when the text is not a number within the limits; {min} and {max} are filled in. */
  rangeMessage: string;
  /** Another reason the number cannot be used, shown when it reads. */
  problem?: string | null;
  unit?: string;
  /** Shown under the field while there is no problem. */
  hint?: string;
  testId: string;
  problemTestId?: string;
  layout: 'parameter' | 'field';
  /** Shown between the field and its problem or hint (the analysis panel's slider). */
  children?: ReactNode;
}) {
  const id = useId();
  const message =
    readNumberInRange(text, limits) === null
      ? rangeMessage.replace('{min}', String(limits.min)).replace('{max}', String(limits.max))
      : (problem ?? null);
  return (
    <div className={message ? `${layout} invalid` : layout}>
      <label htmlFor={id}>{label}</label>
      <span className="number-field">
        <input
          id={id}
          type="number"
          inputMode="decimal"
          min={limits.min}
          max={limits.max}
          step="any"
          value={text}
          data-testid={testId}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${id}-problem` : undefined}
          onChange={(event) => {
            const typed = event.target.value;
            onChange(typed, readNumberInRange(typed, limits));
          }}
        />
        {unit && <span className="parameter-unit">{unit}</span>}
      </span>
      {children}
      {message ? (
        <span
          className="parameter-problem"
          id={`${id}-problem`}
          role="alert"
          data-testid={problemTestId}
        >
          {message}
        </span>
      ) : (
        hint && <span className="hint">{hint}</span>
      )}
    </div>
  );
}
