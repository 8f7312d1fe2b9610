import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { legendModel } from '../graph/style';
import { footerMeta, frame, LEGEND_WIDTH, overlaySvg, wrap } from './decorations';
import { MAX_PIXELS, MAX_SIDE, planSize } from './options';
import { pdfTextIsLatin } from './pdfText';

describe('planSize', () => {
  it('uses the requested scale when it fits', () => {
    expect(planSize(1000, 500, { mode: 'scale', scale: 2 }, true)).toEqual({
      scale: 2,
      width: 2000,
      height: 1000,
      clamped: false,
      message: null,
    });
  });

  it('turns a target width into a scale', () => {
    const plan = planSize(1600, 900, { mode: 'width', width: 3200 }, true);
    expect(plan.scale).toBe(2);
    expect([plan.width, plan.height]).toEqual([3200, 1800]);
  });

  it('clamps past the canvas limits and says so', () => {
    // 20,000 stakeholders spread over ~17,000 units, at 4×.
    const plan = planSize(17_000, 17_000, { mode: 'scale', scale: 4 }, true);
    expect(plan.clamped).toBe(true);
    expect(plan.width).toBeLessThanOrEqual(MAX_SIDE);
    expect(plan.width * plan.height).toBeLessThanOrEqual(MAX_PIXELS);
    expect(plan.scale).toBeLessThan(1);
    expect(plan.message).toMatch(/68,000 × 68,000 px, more than can be drawn.*It was made at 0\.26× instead/);
    const wide = planSize(40_000, 300, { mode: 'scale', scale: 1 }, true);
    expect(wide.width).toBeLessThanOrEqual(MAX_SIDE);
    expect(wide.clamped).toBe(true);
  });

  it('leaves vector formats at 1× units', () => {
    expect(planSize(20_000, 20_000, { mode: 'scale', scale: 4 }, false)).toMatchObject({ scale: 1, clamped: false });
  });
});

describe('legend and footer', () => {
  const footer = { title: 'US AI export controls <UK> & "friends"', date: '27 November 2026', source: 'TechUK report' };

  it('lays out a legend column and a footer, and draws them as valid SVG', () => {
    const f = frame(
      {
        model: legendModel({
          nodes: [
            { kind: 'ministry', stance: 2 },
            { kind: 'person', stance: -1 },
            { kind: 'company', stance: null },
          ],
          edges: [
            { sentiment: 'negative', confidence: 'low', mutual: true },
            { sentiment: 'positive', confidence: 'high', mutual: false },
          ],
        }),
        legend: true,
        footer,
      },
      1000,
      200,
    );
    expect(f.width).toBe(1000 + 2 * f.margin + f.layout.legendWidth);
    expect(f.layout.legendWidth).toBeGreaterThanOrEqual(LEGEND_WIDTH);
    // A short graph is stretched to the legend's height.
    expect(f.height).toBeGreaterThanOrEqual(f.layout.legendHeight + f.layout.footerHeight);
    const svg = overlaySvg(f, footer, 2);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain('width="');
    expect(svg).toContain('Ministry / department');
    expect(svg).toContain('Person');
    expect(svg).not.toContain('Regulator');
    expect(svg).toContain('Low confidence');
    expect(svg).toContain('Supportive');
    expect(svg).toContain('Leaning opposed');
    expect(svg).not.toContain('Neutral<');
    expect(svg).toContain('Arrow: direction (both ends: mutual)');
    expect(svg).toContain('US AI export controls &lt;UK&gt; &amp; &quot;friends&quot;');
    expect(svg).toContain('27 November 2026 · Source: TechUK report');
  });

  it('leaves out what was switched off, and control characters', () => {
    const f = frame(
      { model: legendModel({ nodes: [{ kind: 'media', stance: null }], edges: [] }), legend: false, footer: null },
      500,
      400,
    );
    expect(f.layout.legendWidth).toBe(0);
    expect(f.layout.footerHeight).toBe(0);
    expect(overlaySvg(f, null, 1)).not.toContain('<text');
    const g = frame(
      { model: legendModel({ nodes: [{ kind: 'media', stance: null }], edges: [] }), legend: true, footer },
      500,
      400,
    );
    const svg = overlaySvg(g, { ...footer, title: 'Bell\u0007 title' }, 1);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain('Low confidence');
  });

  it('wraps long lines and does not repeat "Source:"', () => {
    expect(wrap('one two three four five six', 10, 60).length).toBeGreaterThan(1);
    expect(footerMeta({ title: '', date: '1 May 2026', source: 'Source: the report' })).toBe(
      '1 May 2026 · Source: the report',
    );
    expect(footerMeta({ title: '', date: '1 May 2026', source: ' ' })).toBe('1 May 2026');
  });
});

describe('PDF text', () => {
  it('keeps vector text for Latin names and falls back for others', () => {
    expect(pdfTextIsLatin('Prime Minister’s Office — “BritGPT” consortium · café')).toBe(true);
    expect(pdfTextIsLatin('وزارة')).toBe(false);
    expect(pdfTextIsLatin('Lab 🤖')).toBe(false);
  });
});
