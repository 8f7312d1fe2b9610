// `export <file> --format <f> --out <path>`: data files for other tools (CSV, GraphML, GEXF, JSON) written
// by the backend, and map images (PNG, JPEG, SVG, PDF) drawn headlessly by the renderer's own export code.
import { basename, resolve } from 'node:path';
import { StakemapError } from '../../db/api/result';
import { METRIC_LABELS, type NodeMetric } from '../../db/domain/analysis';
import type { DataFormat } from '../../db/domain/export-formats';
import { activeFilterCount, parseFilters, savedFilterResult, type VisibleSet } from '../../db/domain/graph-filters';
import type { ViewGraph } from '../../db/domain/model';
import { analysisStyling } from '../../renderer/src/analysis/colors';
import { isScalarMetric } from '../../renderer/src/analysis/metrics';
import { type AnalysisChoice, analysisChoice, packAnalysis } from '../../renderer/src/export/analysisStyle';
import {
  briefingDate,
  type FadedIds,
  type ImageFormat,
  type ImageOptions,
  MAX_SCALE,
  MIN_SCALE,
} from '../../renderer/src/export/options';
import type { Command, Io } from '../command';
import { CliFailure, UsageError } from '../errors';
import { call, withProject } from '../project';
import { findView } from '../views';

const DATA: Record<string, DataFormat> = {
  csv: 'stakeholders-csv',
  graphml: 'graphml',
  gexf: 'gexf',
  json: 'backup-json',
  cytoscape: 'cytoscape-json',
};
const IMAGES: readonly ImageFormat[] = ['png', 'jpeg', 'svg', 'pdf'];
const FORMATS = [...IMAGES, ...Object.keys(DATA), 'stakemap'];

const plural = (n: number, one: string, many: string): string => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

function number(name: string, text: string | undefined, low: number, high: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < low || n > high)
    throw new UsageError(`--${name} must be a number from ${low} to ${high}; “${text}” is not.`, 'export');
  return n;
}

function reportWarnings(io: Io, warnings: readonly string[]): void {
  for (const w of warnings) io.err(`Note: ${w}`);
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export a view as an image (png, jpeg, svg, pdf) or data (csv, graphml, gexf, json, cytoscape).',
  args: [{ name: 'file', description: 'the .stakemap project file' }],
  options: {
    format: { type: 'string', short: 'f', valueName: 'format', description: `one of ${FORMATS.join(', ')}` },
    out: {
      type: 'string',
      short: 'o',
      valueName: 'path',
      description: 'the file to write (replaced whole if it exists)',
    },
    view: { type: 'string', valueName: 'name', description: 'the view to export (default: the first view)' },
    relationships: { type: 'boolean', description: 'csv: write the relationships instead of the stakeholders' },
    raw: { type: 'boolean', description: 'csv: leave formula-like text unescaped (for programs, not spreadsheets)' },
    scale: {
      type: 'string',
      valueName: 'n',
      description: `png/jpeg: pixels per map unit, ${MIN_SCALE}–${MAX_SCALE} (default 2)`,
    },
    width: { type: 'string', valueName: 'px', description: 'png/jpeg: target width in pixels (instead of --scale)' },
    transparent: { type: 'boolean', description: 'png/svg: transparent instead of white background' },
    'no-legend': { type: 'boolean', description: 'images: leave out the legend' },
    title: { type: 'string', valueName: 'text', description: 'images: the title line (default: project — view)' },
    source: {
      type: 'string',
      valueName: 'text',
      description: 'images: the "Source:" line (default: the project file)',
    },
    'no-footer': { type: 'boolean', description: 'images: no title, date and source line' },
  },
  details: [
    'json is the full-project backup (every table; imports back into an empty project).',
    'stakemap saves a consistent copy of the project file (SQLite backup, safe while the app is writing).',
    'cytoscape is Cytoscape.js JSON. csv is UTF-8 with a BOM, formula-like cells escaped unless --raw.',
    'Images are drawn in a headless Chromium (CHROMIUM_PATH, or /usr/bin/chromium).',
  ],
  async run({ args, option, flag, io }) {
    const format = option('format');
    const out = option('out');
    if (!format) throw new UsageError(`Give a format with --format: ${FORMATS.join(', ')}.`, 'export');
    if (!FORMATS.includes(format))
      throw new UsageError(`Unknown format “${format}”. Formats: ${FORMATS.join(', ')}.`, 'export');
    if (!out) throw new UsageError('Give the file to write with --out <path>.', 'export');
    const isImage = (IMAGES as readonly string[]).includes(format);
    if (!isImage && (option('scale') || option('width') || option('title') || option('source'))) {
      throw new UsageError('--scale, --width, --title and --source apply to image formats only.', 'export');
    }
    if (format !== 'csv' && (flag('relationships') || flag('raw'))) {
      throw new UsageError('--relationships and --raw apply to --format csv only.', 'export');
    }
    if (option('scale') && option('width')) throw new UsageError('Give --scale or --width, not both.', 'export');
    const scale = number('scale', option('scale'), MIN_SCALE, MAX_SCALE);
    const width = number('width', option('width'), 16, 100_000);
    const path = resolve(out);

    if (format === 'stakemap') {
      await withProject(args.file as string, async (backend) => {
        const copy = await call(backend, 'export.saveCopy', { path });
        io.out(`Saved a copy of the project to ${copy.path}`);
      });
      return;
    }

    if (!isImage) {
      const dataFormat = format === 'csv' && flag('relationships') ? 'relationships-csv' : (DATA[format] as DataFormat);
      await withProject(args.file as string, async (backend) => {
        const written = await call(backend, 'export.dataToFile', {
          format: dataFormat,
          viewName: option('view'),
          csvMode: flag('raw') ? 'raw' : 'safe',
          path,
        });
        reportWarnings(io, written.warnings);
        const what =
          dataFormat === 'relationships-csv'
            ? plural(written.counts.relationships, 'relationship', 'relationships')
            : dataFormat === 'stakeholders-csv'
              ? plural(written.counts.stakeholders, 'stakeholder', 'stakeholders')
              : `${plural(written.counts.stakeholders, 'stakeholder', 'stakeholders')} and ${plural(written.counts.relationships, 'relationship', 'relationships')}`;
        io.out(`Wrote ${what} to ${written.path}`);
      });
      return;
    }

    const file = args.file as string;
    const { graph, shown, project, fileName, styled } = await withProject(file, async (backend, info) => {
      const view = await findView(backend, option('view'), 'map to export');
      const viewGraph = await call(backend, 'views.graph', { viewId: view.id });
      // Coloured by community or a metric, or sized by a metric: drawn from the view's newest stored run, as
      // the map draws it (null: none computed yet).
      const choice = analysisChoice(viewGraph.view.style);
      const run = choice.needsRun ? await call(backend, 'analysis.result', { viewId: view.id }) : null;
      // The view's saved filters, as the map applies them (tags and validity dates come from the register).
      const saved = parseFilters(viewGraph.view.filters);
      let shown: ReturnType<typeof savedFilterResult> = null;
      if (activeFilterCount(saved) > 0) {
        const tags = new Map((await call(backend, 'stakeholders.list', {})).map((s) => [s.id, s.tags]));
        const dates = saved.asOf === null ? null : await call(backend, 'relationships.list', {});
        const validity = new Map((dates ?? []).map((r) => [r.id, { validFrom: r.validFrom, validTo: r.validTo }]));
        shown = savedFilterResult(viewGraph, {
          tagsOf: (id) => tags.get(id),
          validityOf: dates ? (id) => validity.get(id) : undefined,
        });
      }
      return { graph: viewGraph, shown, project: info.name, fileName: info.fileName, styled: { choice, run } };
    });
    // What the filters leave out is left out ("hide") or drawn faded ("fade"), as on screen.
    const shownGraph = shown && !shown.fade ? onlyShown(graph, shown.result) : graph;
    const faded = shown?.fade ? fadedIds(graph, shown.result) : undefined;
    if (shownGraph.nodes.length === 0)
      throw new CliFailure(
        graph.nodes.length === 0
          ? `The view “${graph.view.name}” has no stakeholders, so there is no map to draw.`
          : `The view “${graph.view.name}” is saved with filters that hide every stakeholder, so there is no map to draw.`,
      );
    const { choice, run } = styled;
    if (choice.needsRun && !run)
      io.err(`Note: ${notComputed(graph.view.name, choice, args.file as string, option('view'))}`);
    const analysis = packAnalysis(
      analysisStyling(
        run,
        choice,
        shownGraph.nodes.map((n) => n.id),
      ),
    );
    const options: ImageOptions = {
      format: format as ImageFormat,
      scope: 'whole',
      size: width !== undefined ? { mode: 'width', width } : { mode: 'scale', scale: scale ?? 2 },
      background: flag('transparent') ? 'transparent' : 'white',
      legend: !flag('no-legend'),
      footer: flag('no-footer')
        ? null
        : {
            title: option('title') ?? `${project} — ${graph.view.name}`,
            date: briefingDate(),
            source: option('source') ?? `Stakemap project ${basename(fileName)}`,
          },
    };
    const { openHeadlessRenderer } = await import('../render-image');
    const renderer = await openHeadlessRenderer();
    try {
      const image = await renderer.render(shownGraph, options, faded, analysis);
      try {
        image.saveTo(path);
      } catch (e) {
        throw new CliFailure(e instanceof StakemapError ? e.message : String(e));
      }
      reportWarnings(io, image.notes);
      const size =
        format === 'png' || format === 'jpeg'
          ? `${image.width} × ${image.height} px`
          : `${image.width} × ${image.height} units`;
      io.out(
        `Wrote ${plural(shownGraph.nodes.length, 'stakeholder', 'stakeholders')} as ${format.toUpperCase()} (${size}) to ${path}`,
      );
    } finally {
      await renderer.close();
    }
  },
};

const metricWord = (key: string): string =>
  key === 'community' ? 'community' : (METRIC_LABELS[key as NodeMetric] ?? key).toLocaleLowerCase();

/** One line: the view asks for metrics no run holds yet, what is drawn instead, and how to compute them. */
function notComputed(view: string, choice: AnalysisChoice, file: string, viewOption: string | undefined): string {
  const styled = [
    choice.colorBy !== 'kind' ? `coloured by ${metricWord(choice.colorBy)}` : '',
    isScalarMetric(choice.sizeBy) ? `sized by ${metricWord(choice.sizeBy)}` : '',
  ].filter(Boolean);
  const instead = [
    choice.colorBy !== 'kind' ? 'kind colours' : '',
    isScalarMetric(choice.sizeBy) ? 'influence sizes' : '',
  ].filter(Boolean);
  const quote = (t: string) => (/^[\w./-]+$/.test(t) ? t : `"${t.replaceAll('"', '\\"')}"`);
  const command = `stakemap metrics ${quote(file)}${viewOption ? ` --view ${quote(viewOption)}` : ''}`;
  return `the view “${view}” is ${styled.join(' and ')}, but no metrics have been computed for it, so it is drawn with ${instead.join(' and ')}. Compute them with: ${command}`;
}

/** The graph with only what the filters show (a view saved with "hide the rest"). */
const onlyShown = (graph: ViewGraph, shown: VisibleSet): ViewGraph => ({
  ...graph,
  nodes: graph.nodes.filter((n) => shown.nodes.has(n.id)),
  edges: graph.edges.filter((e) => shown.edges.has(e.id)),
});

/** The ids the filters leave out, drawn faded (a view saved with "fade the rest"). */
const fadedIds = (graph: ViewGraph, shown: VisibleSet): FadedIds => ({
  nodes: graph.nodes.filter((n) => !shown.nodes.has(n.id)).map((n) => n.id),
  edges: graph.edges.filter((e) => !shown.edges.has(e.id)).map((e) => e.id),
});
