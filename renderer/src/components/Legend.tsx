import type { GraphEdge, GraphNode } from '../../../db/domain/model';
import { type ColorLegend, SHAPE_ONLY } from '../analysis/colors';
import { legendModel, readStyleOptions } from '../graph/style';
import { KindGlyph } from './KindGlyph';

interface LegendProps {
  nodes: ReadonlyArray<Pick<GraphNode, 'kind' | 'stance'>>;
  edges?: ReadonlyArray<Pick<GraphEdge, 'sentiment' | 'confidence' | 'mutual'>>;
  /** The view's style choices (what size encodes, whether stance is drawn). */
  viewStyle?: Record<string, unknown>;
  /** A metric's name when node size encodes one. */
  sizeLabel?: string;
  /** What node colour shows when it is not the kind (analysis: community or a metric). */
  colorLegend?: ColorLegend | null;
}

/** What the map's colours, shapes, rings and lines mean; built from the same mapping the map is drawn with. */
export function Legend({ nodes, edges = [], viewStyle, sizeLabel, colorLegend }: LegendProps) {
  const model = legendModel({ nodes, edges }, readStyleOptions(viewStyle), sizeLabel);
  return (
    <section className="legend" aria-labelledby="legend-heading" data-testid="legend">
      <h3 id="legend-heading" className="legend-title">
        Legend
      </h3>
      <ul className="legend-list" aria-label={colorLegend ? 'Stakeholder kinds (by shape)' : 'Stakeholder kinds'}>
        {colorLegend && <li className="legend-note">Shape: kind</li>}
        {model.kinds.map((k) => (
          <li key={k.kind} data-kind={k.kind}>
            <KindGlyph kind={k.kind} size={14} paint={colorLegend ? SHAPE_ONLY : undefined} />
            {k.label}
          </li>
        ))}
      </ul>
      {colorLegend && (
        <ul className="legend-list" aria-label={colorLegend.title} data-testid="legend-colour">
          <li className="legend-note">{colorLegend.title}</li>
          {colorLegend.swatches?.map((s) => (
            <li key={s.label}>
              <span
                className="legend-swatch"
                style={{ background: s.color, borderColor: s.border }}
                aria-hidden="true"
              />
              {s.label}
            </li>
          ))}
          {colorLegend.ramp && (
            <li>
              {colorLegend.ramp.low}
              <span
                className="legend-ramp"
                style={{ background: `linear-gradient(to right, ${colorLegend.ramp.colors.join(', ')})` }}
                aria-hidden="true"
              />
              {colorLegend.ramp.high}
            </li>
          )}
          {colorLegend.missing && (
            <li>
              <span
                className="legend-swatch"
                style={{ background: colorLegend.missing.color, borderColor: colorLegend.missing.border }}
                aria-hidden="true"
              />
              {colorLegend.missing.label}
            </li>
          )}
        </ul>
      )}
      {model.stances.length > 0 && (
        <ul className="legend-list" aria-label="Stance rings">
          {model.stances.map((s) => (
            <li key={s.value} data-stance={s.value}>
              <svg className="legend-ring" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
                <circle cx="10" cy="10" r="5" fill="#eef0f3" />
                {s.ring === 'double' ? (
                  <>
                    <circle cx="10" cy="10" r="7" fill="none" stroke={s.color} strokeWidth="1.4" />
                    <circle cx="10" cy="10" r="9.2" fill="none" stroke={s.color} strokeWidth="1.4" />
                  </>
                ) : (
                  <circle cx="10" cy="10" r="7.6" fill="none" stroke={s.color} strokeWidth="2" />
                )}
              </svg>
              <span className="legend-badge" style={{ color: s.color, borderColor: s.color }} aria-hidden="true">
                {s.badge}
              </span>
              {s.label}
            </li>
          ))}
        </ul>
      )}
      <ul className="legend-list legend-lines" aria-label="Relationship lines">
        {model.edges.map((e) => (
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
        {model.notes.length > 0 && <li className="legend-note">{model.notes.join(' · ')}</li>}
      </ul>
    </section>
  );
}
