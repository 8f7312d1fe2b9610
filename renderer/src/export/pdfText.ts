// Whether jsPDF's built-in fonts (WinAnsi encoding) can show a text; anything else makes the PDF export
// place the map as an image rather than print unreadable glyphs.
const WIN_ANSI_EXTRA = new Set(Array.from('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'));

/** The minus sign (stance badges) is printed as a hyphen in PDFs, so it does not count against vector text. */
export const pdfTextIsLatin = (text: string): boolean =>
  Array.from(text).every((ch) => (ch.codePointAt(0) ?? 0) <= 0xff || WIN_ANSI_EXTRA.has(ch) || ch === '\u2212');
