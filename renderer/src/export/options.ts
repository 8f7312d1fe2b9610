// What an image export asks for, and the size plan: the requested scale, clamped to what a browser can
// draw (and what the user can open), with a sentence saying so when it had to be reduced.

export const IMAGE_FORMATS = ['png', 'jpeg', 'svg', 'pdf'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

export const IMAGE_SCOPES = ['whole', 'visible', 'selection'] as const;
export type ImageScope = (typeof IMAGE_SCOPES)[number];

export type ImageSize = { mode: 'scale'; scale: number } | { mode: 'width'; width: number };

export interface ImageFooter {
  title: string;
  date: string;
  source: string;
}

export interface ImageOptions {
  format: ImageFormat;
  scope: ImageScope;
  size: ImageSize;
  /** PNG and SVG may be transparent; JPEG and PDF are always white. */
  background: 'white' | 'transparent';
  legend: boolean;
  /** Title, date and "Source:" line along the bottom; null for none. */
  footer: ImageFooter | null;
}

export const FORMAT_INFO: Record<ImageFormat, { ext: string; mime: string; label: string; raster: boolean }> = {
  png: { ext: 'png', mime: 'image/png', label: 'PNG image', raster: true },
  jpeg: { ext: 'jpg', mime: 'image/jpeg', label: 'JPEG image', raster: true },
  svg: { ext: 'svg', mime: 'image/svg+xml', label: 'SVG (vector)', raster: false },
  pdf: { ext: 'pdf', mime: 'application/pdf', label: 'PDF (one page)', raster: false },
};

export const MIN_SCALE = 1;
export const MAX_SCALE = 4;
/** Chromium, Firefox and Safari all draw canvases up to 16,384 px a side. */
export const MAX_SIDE = 16_384;
/**
 * 20 megapixels (80 MB of pixels): more than an A3 print at 300 dpi (17.4 MP), and quick enough to
 * encode on a laptop; past it, vector SVG or PDF is the better choice anyway.
 */
export const MAX_PIXELS = 20_000_000;

export interface SizePlan {
  /** Pixels per map unit actually used. */
  scale: number;
  width: number;
  height: number;
  /** True when the requested size was reduced to fit the limits. */
  clamped: boolean;
  /** The sentence to show when clamped. */
  message: string | null;
}

const round2 = (n: number): number => Math.floor(n * 100) / 100;

/**
 * Plans the output size for content that measures `width` × `height` at 1×. Raster formats are limited
 * by MAX_SIDE and MAX_PIXELS; vector formats keep their 1× units (they scale without loss).
 */
export function planSize(width: number, height: number, size: ImageSize, raster: boolean): SizePlan {
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  const requested = size.mode === 'scale' ? size.scale : size.width / w;
  if (!raster) return { scale: 1, width: Math.ceil(w), height: Math.ceil(h), clamped: false, message: null };
  const limit = Math.min(MAX_SIDE / w, MAX_SIDE / h, Math.sqrt(MAX_PIXELS / (w * h)));
  if (requested <= limit) {
    return {
      scale: requested,
      width: Math.round(w * requested),
      height: Math.round(h * requested),
      clamped: false,
      message: null,
    };
  }
  const scale = round2(limit);
  const out = { width: Math.floor(w * scale), height: Math.floor(h * scale) };
  const asked = `${Math.round(w * requested).toLocaleString('en-GB')} × ${Math.round(h * requested).toLocaleString('en-GB')} px`;
  return {
    scale,
    ...out,
    clamped: true,
    message: `At the size you chose the image would be ${asked}, more than can be drawn (at most ${MAX_SIDE.toLocaleString('en-GB')} px a side and ${MAX_PIXELS / 1_000_000} megapixels). It was made at ${scale}× instead: ${out.width.toLocaleString('en-GB')} × ${out.height.toLocaleString('en-GB')} px.`,
  };
}

/** "27 November 2026": the date line of a briefing image. */
export const briefingDate = (date = new Date()): string =>
  date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

/** Stakeholder and relationship ids drawn faded in an export (a view saved with filters that fade the rest). */
export interface FadedIds {
  nodes: number[];
  edges: number[];
}
