import type { GraphNode } from '../../../db/domain/model';
import { EDGE_LEGEND, legendKinds } from '../graph/style';
import { KindGlyph } from './KindGlyph';

/** What the map's colours, shapes and lines mean; built from the same mapping the map is drawn with. */
export function Legend({ nodes }: { nodes: GraphNode[] }) {
  const kinds = legendKinds(nodes.map((n) => n.kind));
  return (
    <section className="legend" aria-labelledby="legend-heading" data-testid="legend">
      <h3 id="legend-heading" className="legend-title">
        Legend
      </h3>
      <ul className="legend-list" aria-label="Stakeholder kinds">
        {kinds.map((k) => (
          <li key={k.kind} data-kind={k.kind}>
            <KindGlyph kind={k.kind} size={14} />
            {k.label}
          </li>
        ))}
      </ul>
      <ul className="legend-list legend-lines" aria-label="Relationship lines">
        {EDGE_LEGEND.map((e) => (
          <li key={e.key}>
            <svg className="legend-line" viewBox="0 0 28 8" aria-hidden="true" focusable="false">
              <line
                x1="1"
                y1="4"
                x2="27"
                y2="4"
                stroke={e.color}
                strokeWidth="2.5"
                strokeDasharray={e.dashed ? '5 3' : undefined}
              />
            </svg>
            {e.label}
          </li>
        ))}
        <li className="legend-note">Size: influence · Width: strength · Arrow: direction</li>
      </ul>
    </section>
  );
}
