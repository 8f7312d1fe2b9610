// The keys rows are matched on: NFC, trimmed, case-folded; emails and LinkedIn URLs in canonical form.

const NON_ASCII = /[^ -~\t\n\r]/;
const RUNS_OF_SPACE = /\s{2,}|[\t\n\r\f\v]/;

/**
 * Beyond Latin-1. Text made only of characters up to U+00FF is already NFC (composing needs a
 * combining mark, U+0300 and up; checked for every such character and pair), so only the rest is
 * normalised: most accented Western names (Zoë, José, Müller) skip the ICU call.
 */
const BEYOND_LATIN1 = /[\u0100-\uffff]/;

/** NFC + trim: how every stored value is cleaned (nothing else is changed). Latin-1 needs no NFC. */
export const clean = (value: string): string => (BEYOND_LATIN1.test(value) ? value.normalize('NFC') : value).trim();

const TYPOGRAPHIC = /[‘’ʼ′`“”„″‐‑‒–—]/;

/** Case-folded comparison key (NFC, trimmed, inner whitespace collapsed, lower case). */
export const fold = (value: string): string => foldClean(clean(value));

/** `fold` of a value already in NFC (as every contact field is): the import's hot path. Same result. */
export function foldClean(value: string): string {
  let c = value.trim();
  if (RUNS_OF_SPACE.test(c)) c = c.replace(/\s+/g, ' ');
  // “Prime Minister’s Office” and "Prime Minister's Office" are the same name.
  if (NON_ASCII.test(c) && TYPOGRAPHIC.test(c))
    c = c
      .replace(/[‘’ʼ′`]/g, "'")
      .replace(/[“”„″]/g, '"')
      .replace(/[‐‑‒–—]/g, '-');
  return c.toLowerCase();
}

export const emailKey = (email: string): string => emailKeyClean(clean(email));

/** `emailKey` of a value already cleaned. */
export const emailKeyClean = (email: string): string => {
  const k = foldClean(email);
  return k.startsWith('mailto:') ? k.slice(7) : k;
};

/** "https://www.linkedin.com/in/Amara-Okafor/?trk=x" → "linkedin.com/in/amara-okafor". */
export function linkedinKey(url: string): string {
  let k = fold(url);
  k = k.replace(/^[a-z]+:\/\//, '').replace(/^([a-z]{2,3}\.)?(www\.)?linkedin\.com/, 'linkedin.com');
  k = k.replace(/[?#].*$/, '').replace(/\/+$/, '');
  try {
    k = decodeURIComponent(k);
  } catch {
    // Keep the raw form when it is not valid percent-encoding.
  }
  return k;
}

export const isLinkedinUrl = (value: string): boolean => /(^|\/\/|\.)linkedin\.com\/(in|pub)\//i.test(value);

export const nameOrgKey = (name: string, organisation: string | null, foldedName = fold(name)): string =>
  `${foldedName}\u0000${organisation ? fold(organisation) : ''}`;
