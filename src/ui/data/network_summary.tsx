import type { NetworkPreview } from '../../import/build_network';
import { problemMessage } from '../../import/messages';
import { useAppStore } from '../../state/store';
import { useText } from '../use_text';
import { useFormats } from '../use_formats';

/**
 * What a walking-network import would keep: edges, length, the snap tolerance plain lines were
 * joined with, and what was left out.
 */
export function NetworkSummary({ preview }: { preview: NetworkPreview }) {
  const t = useText();
  const f = useFormats();
  const language = useAppStore((s) => s.language);
  if (!preview.ok) {
    return (
      <p className="status error" role="alert" data-testid="import-error">
        {problemMessage(preview.error, language)}
      </p>
    );
  }
  return (
    <p className="status" data-testid="network-summary">
      {t('network.summary')
        .replace('{edges}', String(preview.edges.features.length))
        .replace('{km}', f.number(preview.lengthM / 1000, 1))}
      {preview.snapToleranceM !== undefined &&
        ` ${t('network.snapUsed').replace('{m}', String(preview.snapToleranceM))}`}
      {preview.report.droppedEdges > 0 &&
        ` ${t('network.unreachable').replace('{n}', String(preview.report.droppedEdges))}`}
      {preview.report.excludedLines > 0 &&
        ` ${t('network.excluded').replace('{n}', String(preview.report.excludedLines))}`}
    </p>
  );
}
