import { useEffect, useState } from 'react';
import type { Scenario } from '../../analysis/scenario';
import {
  SCENARIO_LINK_LIMITS,
  type ScenarioParamValue,
  encodeScenarioParam,
} from '../../state/scenario_link';
import { useText } from '../use_text';

/** Says whether the page's link carries the scenario, or that its exported file must go instead. */
export function ScenarioLinkStatus({ scenario }: { scenario: Scenario }) {
  const t = useText();
  const [status, setStatus] = useState<ScenarioParamValue | null>(null);
  useEffect(() => {
    let current = true;
    void encodeScenarioParam(scenario).then((result) => current && setStatus(result));
    return () => {
      current = false;
    };
  }, [scenario]);
  if (!status) return null;
  const text = status.unreadable
    ? t('scenario.link.unreadable')
    : status.length === null
      ? t('scenario.link.tooBig').replace(
          '{max}',
          SCENARIO_LINK_LIMITS.maxBytes.toLocaleString('en-US'),
        )
      : t(status.fits ? 'scenario.link.fits' : 'scenario.link.tooLong')
          .replace('{n}', String(status.length))
          .replace('{max}', String(SCENARIO_LINK_LIMITS.maxChars));
  return (
    <p
      className={status.fits ? 'hint' : 'status error'}
      role={status.fits ? undefined : 'alert'}
      data-testid="scenario-link-status"
      data-fits={status.fits}
    >
      {text}
    </p>
  );
}
