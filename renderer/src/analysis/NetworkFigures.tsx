// The whole-network figures of the run in use, each with what it means in one line.
import { useId } from 'react';
import type { NetworkFigures as Figures } from '../../../db/domain/analysis';
import { describeNetwork } from './metrics';

export function NetworkFigures({ network }: { network: Figures }) {
  const headingId = useId();
  return (
    <section className="analysis-section" aria-labelledby={headingId}>
      <h3 id={headingId} className="analysis-heading">
        The network
      </h3>
      <dl className="analysis-figures" data-testid="network-figures">
        {describeNetwork(network).map((f) => (
          <div key={f.key} className="analysis-figure" data-figure={f.key}>
            <dt>{f.term}</dt>
            <dd>
              {f.value}
              <span className="analysis-figure-meaning">{f.meaning}</span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
