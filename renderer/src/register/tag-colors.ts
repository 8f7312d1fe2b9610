// Tag chips are filled with the tag's own colour; the text on it is whichever of near-black or white
// reads better, so any colour an analyst picks stays legible (WCAG AA needs 4.5:1 for small text).
import { contrastRatio } from '../graph/contrast';

const DARK = '#111827';
const LIGHT = '#ffffff';
/** For a tag the register has not loaded a colour for yet. */
export const FALLBACK_TAG_COLOR = '#5f6b7a';

export function chipTextColor(background: string): string {
  try {
    return contrastRatio(background, DARK) >= contrastRatio(background, LIGHT) ? DARK : LIGHT;
  } catch {
    return DARK;
  }
}

/** The better of the two text colours' contrast on `background` (shown in the tags manager). */
export function chipContrast(background: string): number {
  return contrastRatio(background, chipTextColor(background));
}
