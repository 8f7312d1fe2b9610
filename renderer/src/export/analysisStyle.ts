// A view's analysis colours and sizes for a headless export (CLI, bench): what the view's style asks for,
// and the styling (worked out where the stored run is, in Node, by colors.ts' `analysisStyling`, as the
// map does) handed to the export page as a few compact arrays rather than the whole run. Pure.
import { type AnalysisLegend, type AnalysisStyling, type NodeColor, readColorBy } from '../analysis/colors';
import { isScalarMetric } from '../analysis/metrics';
import { readStyleOptions } from '../graph/style';

/** What a view's style asks node colour and size to show, and whether drawing it needs a stored run. */
export interface AnalysisChoice {
  colorBy: string;
  sizeBy: string;
  /** Colour shows a community or metric, or size a metric. */
  needsRun: boolean;
}

export function analysisChoice(style: Record<string, unknown> | null | undefined): AnalysisChoice {
  const colorBy = readColorBy(style);
  const sizeBy = readStyleOptions(style).sizeBy;
  return { colorBy, sizeBy, needsRun: colorBy !== 'kind' || isScalarMetric(sizeBy) };
}

/** The styling as JSON for the export page. */
export interface PackedAnalysis {
  /** Stakeholders with an analysis fill or size value. */
  ids: number[];
  /** Per id: its fill's index in `fills` (−1: its kind's colour). Absent: colour shows the kind. */
  fill?: number[];
  /** The distinct fills, each as its colour and its border. */
  fills?: Array<[string, string]>;
  /** Per id: the size metric's value (null: none, drawn smallest). Absent: size does not show a metric. */
  size?: Array<number | null>;
  legend: AnalysisLegend;
}

/** Null when there is nothing to hand over (colour shows the kind, size no metric). */
export function packAnalysis(styling: AnalysisStyling): PackedAnalysis | null {
  const { nodeColors: colors, sizeValues, legend } = styling;
  if (!colors && !sizeValues && !legend.colorLegend && legend.sizeLabel === undefined) return null;
  const ids = [...new Set([...(colors?.keys() ?? []), ...(sizeValues?.keys() ?? [])])];
  const out: PackedAnalysis = { ids, legend };
  if (colors) {
    const index = new Map<string, number>();
    const fills: Array<[string, string]> = [];
    out.fill = ids.map((id) => {
      const c = colors.get(id);
      if (!c) return -1;
      const key = `${c.color} ${c.border}`;
      let i = index.get(key);
      if (i === undefined) {
        i = fills.push([c.color, c.border]) - 1;
        index.set(key, i);
      }
      return i;
    });
    out.fills = fills;
  }
  if (sizeValues) out.size = ids.map((id) => sizeValues.get(id) ?? null);
  return out;
}

/** The page's side of `packAnalysis`. */
export function unpackAnalysis(packed: PackedAnalysis): AnalysisStyling {
  const out: AnalysisStyling = { legend: packed.legend };
  const { fill, fills, size } = packed;
  if (fill && fills) {
    const colors = new Map<number, NodeColor>();
    packed.ids.forEach((id, i) => {
      const f = fills[fill[i] ?? -1];
      if (f) colors.set(id, { color: f[0], border: f[1] });
    });
    out.nodeColors = colors;
  }
  if (size) {
    const values = new Map<number, number>();
    packed.ids.forEach((id, i) => {
      const v = size[i];
      if (typeof v === 'number' && Number.isFinite(v)) values.set(id, v);
    });
    out.sizeValues = values;
  }
  return out;
}
