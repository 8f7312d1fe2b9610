import { chipTextColor, FALLBACK_TAG_COLOR } from './tag-colors';

/** A tag in its own colour, with whichever text colour reads on it. */
export function TagChip({ name, color }: { name: string; color: string | undefined }) {
  const background = color ?? FALLBACK_TAG_COLOR;
  return (
    <span className="tag-chip" style={{ background, color: chipTextColor(background) }}>
      {name}
    </span>
  );
}
