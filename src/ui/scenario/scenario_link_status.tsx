import { useEffect, useState } from 'react';
import type { Scenario } from '../../analysis/scenario';
import { SCENARIO_LINK_LIMITS } from '../../state/scenario_link';
import { scenarioLinkEncoder } from '../../worker/scenario_link_encoder';
import { useText } from '../use_text';

/** Says whether the page's link carries the scenario, or that its exported file must go instead. */
export function ScenarioLinkStatus({ scenario }: { scenario: Scenario }) {
  const t = useText();
  // Only to render again once this version's answer came; the answer itself is the encoder's.
  const [, setAnswered] = useState<Scenario | null>(null);
  useEffect(() => {
    let current = true;
    void scenarioLinkEncoder.ask(scenario).then((answer) => {
      if (current && answer) setAnswered(scenario);
    });
    return () => {
      current = false;
    };
  }, [scenario]);
  const answer = scenarioLinkEncoder.known(scenario);
  // Until the answer comes, and when it could not be worked out, the link names the scenario.
  const status = answer?.ok ? answer.param : null;
  const text = !answer
    ? t('scenario.link.checking')
    : !status
      ? t('scenario.link.unchecked')
      : status.unreadable
        ? t('scenario.link.unreadable')
        : status.length === null
          ? t('scenario.link.tooBig').replace(
              '{max}',
              SCENARIO_LINK_LIMITS.maxBytes.toLocaleString('en-US'),
            )
          : t(status.fits ? 'scenario.link.fits' : 'scenario.link.tooLong')
              .replace('{n}', String(status.length))
              .replace('{max}', String(SCENARIO_LINK_LIMITS.maxChars));
  const fits = status?.fits ?? false;
  const alert = answer !== undefined && !fits;
  return (
    <p
      className={alert ? 'status error' : 'hint'}
      role={alert ? 'alert' : undefined}
      data-testid="scenario-link-status"
      data-fits={fits}
      data-checking={answer === undefined || undefined}
    >
      {text}
    </p>
  );
}
