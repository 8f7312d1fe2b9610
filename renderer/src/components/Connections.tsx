import { type GraphEdge, RELATIONSHIP_LABELS, type ViewGraph } from '../../../db/domain/model';
import { sentimentColor } from '../graph/style';

interface ConnectionsProps {
  stakeholderId: number;
  graph: ViewGraph;
  onSelect: (id: number) => void;
}

interface Line {
  edge: GraphEdge;
  otherId: number;
  outgoing: boolean;
}

/** The selected stakeholder's relationships on this map, each a link to the other party. */
export function Connections({ stakeholderId, graph, onSelect }: ConnectionsProps) {
  const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
  const lines: Line[] = graph.edges
    .filter((e) => e.source === stakeholderId || e.target === stakeholderId)
    .map((edge) => ({
      edge,
      outgoing: edge.source === stakeholderId || edge.mutual,
      otherId: edge.source === stakeholderId ? edge.target : edge.source,
    }))
    .filter((l) => names.has(l.otherId))
    .sort((a, b) => Number(b.outgoing) - Number(a.outgoing) || b.edge.strength - a.edge.strength);
  if (lines.length === 0) return <p className="empty-note">No relationships on this map.</p>;
  return (
    <ul className="connections">
      {lines.map(({ edge, otherId, outgoing }) => {
        const verb = RELATIONSHIP_LABELS[edge.type] ?? edge.type;
        const other = (
          <button type="button" className="link-button" onClick={() => onSelect(otherId)}>
            {names.get(otherId)}
          </button>
        );
        return (
          <li key={edge.id}>
            <span
              className="connection-mark"
              style={{ background: sentimentColor(edge.sentiment) }}
              title={`${edge.sentiment} sentiment, strength ${edge.strength} of 5`}
              aria-hidden="true"
            />
            <span className="connection-text">
              {edge.mutual ? (
                <>
                  {verb} {other} <span className="muted">(mutual)</span>
                </>
              ) : outgoing ? (
                <>
                  {verb} {other}
                </>
              ) : (
                <>
                  {other} <span className="muted">{verb} this</span>
                </>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
