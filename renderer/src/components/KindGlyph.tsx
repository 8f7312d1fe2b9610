import type { StakeholderKind } from '../../../db/domain/model';
import { GLYPHS, kindStyle } from '../graph/style';

interface KindGlyphProps {
  kind: StakeholderKind;
  size?: number;
  /** Another fill (the legend when the map colours nodes by community or a metric: shape only). */
  paint?: { color: string; border: string };
}

/** The kind's map symbol (same colour and shape as on the map), drawn as a small decorative SVG. */
export function KindGlyph({ kind, size = 16, paint: fill }: KindGlyphProps) {
  const style = kindStyle(kind);
  const glyph = GLYPHS[style.shape];
  const paint = {
    fill: fill?.color ?? style.color,
    stroke: fill?.border ?? style.border,
    strokeWidth: 0.18,
    strokeLinejoin: 'round' as const,
  };
  return (
    <svg
      className="kind-glyph"
      width={size}
      height={size}
      viewBox="-1.2 -1.2 2.4 2.4"
      aria-hidden="true"
      focusable="false"
      data-kind={kind}
    >
      {glyph.type === 'circle' && <circle r={0.95} {...paint} />}
      {glyph.type === 'rect' && (
        <rect x={-0.95} y={-0.8} width={1.9} height={1.6} rx={glyph.radius} ry={glyph.radius} {...paint} />
      )}
      {glyph.type === 'path' && <path d={glyph.d} {...paint} />}
      {glyph.type === 'polygon' && <polygon points={glyph.points.map((p) => p.join(',')).join(' ')} {...paint} />}
    </svg>
  );
}
