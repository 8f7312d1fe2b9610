// WCAG contrast arithmetic, used to derive node borders and to test that the palette stays readable.

const channel = (value: number): number => {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

export const parseHex = (hex: string): [number, number, number] => {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m?.[1]) throw new Error(`Not a #rrggbb colour: ${hex}`);
  const n = Number.parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
};

export const toHex = (rgb: readonly [number, number, number]): string =>
  `#${rgb
    .map((v) =>
      Math.round(Math.min(255, Math.max(0, v)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;

export const relativeLuminance = (hex: string): number => {
  const [r, g, b] = parseHex(hex);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
};

export const contrastRatio = (a: string, b: string): number => {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
};

/** Mixes a colour towards black by `amount` (0..1). */
export const darken = (hex: string, amount: number): string => {
  const [r, g, b] = parseHex(hex);
  const k = 1 - amount;
  return toHex([r * k, g * k, b * k]);
};

/** The lightest darkening of `hex` that reaches `ratio` against `background` (for borders and outlines). */
export const darkenToContrast = (hex: string, background: string, ratio: number): string => {
  for (let step = 0; step <= 20; step++) {
    const candidate = darken(hex, step * 0.05);
    if (contrastRatio(candidate, background) >= ratio) return candidate;
  }
  return '#000000';
};
