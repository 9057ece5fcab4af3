import { useState } from 'react';
import {
  DEFAULT_COVERAGE_PARAMETERS,
  type NumericParameter,
  PARAMETER_LIMITS,
  PARAMETER_NAMES,
  isValidParameterValue,
} from '../../analysis/coverage_parameters';
import { readNumberInRange } from '../../analysis/plain_number';
import { useAppStore } from '../../state/store';
import { NumberField } from '../number_field';
import { useText } from '../use_text';
import { useSliderHold } from './slider_hold';

const EXTERNAL_NAME = Object.fromEntries(
  Object.entries(PARAMETER_NAMES).map(([name, key]) => [key, name]),
) as Record<NumericParameter, string>;

/** Slider ranges: radii in metres, park size thresholds in square metres. */
const SLIDER_RANGE: Record<'m' | 'm2', { min: number; max: number; step: number }> = {
  m: { min: 50, max: 2000, step: 10 },
  m2: { min: 100, max: 10_000, step: 100 },
};

/**
 * A number field and a slider for one parameter. The slider is live: the table and the map
 * follow it while it is dragged or stepped with the keys (the map as a preview until the
 * slider is let go, see useSliderHold). What the planner types is kept as typed; only a valid
 * number reaches the store, so a typo never loses the last result.
 */
export function ParameterInput({
  parameter,
  unit,
  extraProblem,
}: {
  parameter: NumericParameter;
  unit: 'm' | 'm2';
  extraProblem?: string | null;
}) {
  const t = useText();
  const value = useAppStore((s) => s.analysis.parameters[parameter]);
  const setParameters = useAppStore((s) => s.setParameters);
  const sliderHold = useSliderHold();
  const [text, setText] = useState(String(value));
  // A value changed elsewhere (a reset, a link) replaces the text unless it already says so.
  const [shownValue, setShownValue] = useState(value);
  if (value !== shownValue) {
    setShownValue(value);
    if (Number(text) !== value) setText(String(value));
  }
  const limits = PARAMETER_LIMITS[parameter];
  const name = EXTERNAL_NAME[parameter];
  const sliderValue = readNumberInRange(text, limits) ?? value;
  return (
    <NumberField
      layout="parameter"
      label={t(`param.${parameter}`)}
      text={text}
      limits={limits}
      rangeMessage={t('param.error.range')}
      problem={extraProblem}
      unit={t(`unit.${unit}`)}
      testId={`param-${name}`}
      onChange={(typed, next) => {
        setText(typed);
        if (next !== null) setParameters({ [parameter]: next });
      }}
    >
      <input
        type="range"
        className="parameter-slider"
        {...SLIDER_RANGE[unit]}
        value={sliderValue}
        aria-label={t(`param.${parameter}`)}
        data-testid={`param-${name}-slider`}
        aria-valuetext={`${sliderValue} ${t(`unit.${unit}`)}`}
        {...sliderHold}
        onChange={(event) => {
          const next = Number(event.target.value);
          setText(event.target.value);
          if (isValidParameterValue(parameter, next)) setParameters({ [parameter]: next }, true);
        }}
      />
      <span className="parameter-default">
        {t('param.default')} {DEFAULT_COVERAGE_PARAMETERS[parameter]}
      </span>
    </NumberField>
  );
}
