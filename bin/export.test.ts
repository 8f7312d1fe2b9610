// `stakemap export` as a user runs it: real files, read back with independent parsers. Most runs call the CLI's
// `main` (what bin/stakemap.ts runs, with the same argv and line-by-line output) in this process: a subprocess
// costs ~0.6 s of tsx start and, for an image, ~1.2 s more bundling the export page (cached here after the
// first). A real subprocess still runs a data export, an image export and one refusal of each kind (exits 0, 1
// and 2 with their stdout and stderr as a shell sees them).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { XMLValidator } from 'fast-xml-parser';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateProject } from '../bench/generate';
import { Backend, dispatch } from '../db/api/index';
import { EXAMPLE_RELATIONSHIPS, EXAMPLE_STAKEHOLDERS } from '../db/domain/example';
import { parseBackup } from '../db/export/backup';
import { COMMUNITY_COLORS, communityColor } from '../renderer/src/analysis/colors';
import { metricValues } from '../renderer/src/analysis/metrics';
import { DENSE_MAP, KIND_STYLES } from '../renderer/src/graph/style';
import { main } from './cli';
import { cli, ROOT, type Run } from './run-cli';

let dir: string;
let example: string;
const file = (name: string): string => join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stakemap-cli-export-'));
  example = file('example.stakemap');
  const b = new Backend();
  await b.create(example, true);
  b.close();
  writeFileSync(file('notes.stakemap'), 'name,email\nAmara,a@example.org\n');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The CLI's `main` on `args`, its output collected as bin/stakemap.ts writes it (one line per call). */
async function run(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    out: (text) => {
      stdout += `${text}\n`;
    },
    err: (text) => {
      stderr += `${text}\n`;
    },
  });
  return { code, stdout, stderr };
}

const parseCsv = (text: string) => {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
};

describe.concurrent('data formats', () => {
  it('csv writes the stakeholders; --relationships the relationships', async () => {
    const [people, links] = await Promise.all([
      cli('export', example, '--format', 'csv', '--out', file('people.csv')),
      run('export', example, '--format', 'csv', '--relationships', '--out', file('links.csv')),
    ]);
    expect(people).toMatchObject({ code: 0, stderr: '' });
    expect(people.stdout).toMatch(/^Wrote 17 stakeholders to .*people\.csv$/m);
    expect(parseCsv(readFileSync(file('people.csv'), 'utf8'))).toHaveLength(EXAMPLE_STAKEHOLDERS.length);
    expect(links.code).toBe(0);
    expect(links.stdout).toMatch(/Wrote 23 relationships/);
    const rows = parseCsv(readFileSync(file('links.csv'), 'utf8'));
    expect(rows).toHaveLength(EXAMPLE_RELATIONSHIPS.length);
    expect(rows.some((r) => r.source === 'TechUK' && r.type === 'lobbies' && r.target === 'HM Treasury')).toBe(true);
  });

  it('graphml and gexf are valid XML with every name; --view picks the view', async () => {
    const [g, x] = await Promise.all([
      run('export', example, '--format', 'graphml', '--view', 'influence MAP', '--out', file('map.graphml')),
      run('export', example, '-f', 'gexf', '-o', file('map.gexf')),
    ]);
    expect(g.code).toBe(0);
    expect(x.code).toBe(0);
    for (const name of ['map.graphml', 'map.gexf']) {
      const text = readFileSync(file(name), 'utf8');
      expect(XMLValidator.validate(text)).toBe(true);
      expect(text).toContain('Dr. Amara Okafor');
    }
  });

  it('json is the full backup; cytoscape is Cytoscape.js JSON', async () => {
    const [j, c] = await Promise.all([
      run('export', example, '--format', 'json', '--out', file('backup.json')),
      run('export', example, '--format', 'cytoscape', '--out', file('map.cyjs')),
    ]);
    expect(j.code).toBe(0);
    const backup = parseBackup(readFileSync(file('backup.json'), 'utf8'));
    expect(backup.tables.stakeholders?.rows).toHaveLength(EXAMPLE_STAKEHOLDERS.length);
    expect(c.code).toBe(0);
    expect(JSON.parse(readFileSync(file('map.cyjs'), 'utf8')).elements.edges).toHaveLength(
      EXAMPLE_RELATIONSHIPS.length,
    );
  });
});

describe('project copies', () => {
  it('stakemap: a consistent copy that opens with the same data', async () => {
    const r = await run('export', example, '--format', 'stakemap', '--out', file('copy.stakemap'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Saved a copy of the project to .*copy\.stakemap/);
    const info = await run('info', file('copy.stakemap'), '--json');
    expect(JSON.parse(info.stdout).counts.stakeholders).toBe(EXAMPLE_STAKEHOLDERS.length);
    const same = await run('export', example, '--format', 'stakemap', '--out', example);
    expect(same.code).toBe(1);
    expect(same.stderr).toMatch(/cannot replace the project that is open/);
  });
});

describe.concurrent('bad arguments exit 2, refused files exit 1', () => {
  const usage: Array<[string, string[], RegExp]> = [
    ['no format', ['--out', 'x.csv'], /Give a format with --format/],
    ['unknown format', ['--format', 'xlsx', '--out', 'x.xlsx'], /Unknown format “xlsx”.*png, jpeg, svg, pdf, csv/],
    ['no --out', ['--format', 'csv'], /Give the file to write with --out/],
    [
      'scale out of range',
      ['--format', 'png', '--scale', '9', '--out', 'x.png'],
      /--scale must be a number from 1 to 4/,
    ],
    ['image option on data', ['--format', 'csv', '--scale', '2', '--out', 'x.csv'], /apply to image formats only/],
    ['csv option on xml', ['--format', 'gexf', '--raw', '--out', 'x.gexf'], /apply to --format csv only/],
  ];
  for (const [what, args, message] of usage) {
    it(what, async () => {
      // The first through a subprocess: exit 2 and the message as a shell sees them.
      const r = await (what === 'no format' ? cli : run)('export', example, ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain('stakemap export --help');
    });
  }

  it('a file that is not a project: exit 1, nothing written', async () => {
    const r = await cli('export', file('notes.stakemap'), '--format', 'csv', '--out', file('never.csv'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/text file, not a Stakemap project/);
    expect(existsSync(file('never.csv'))).toBe(false);
  });

  it('a missing view or folder: exit 1 with the reason, and no partial file', async () => {
    const view = await run('export', example, '--format', 'csv', '--view', 'Nope', '--out', file('v.csv'));
    expect(view.code).toBe(1);
    expect(view.stderr).toMatch(/no view called “Nope”\. Its views: “Influence map”/);
    const folder = await run('export', example, '--format', 'graphml', '--out', file('missing/map.graphml'));
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/does not exist\. Choose an existing folder/);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });
});

// Headless Chromium: one run per image format keeps this suite quick on a 2-core machine.
describe('image formats (headless Chromium)', () => {
  it('png: a real image at 2× by default, with its size reported', async () => {
    // A subprocess: the export page bundled and Chromium found and started as in a user's shell.
    const r = await cli('export', example, '--format', 'png', '--out', file('map.png'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const png = readFileSync(file('map.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect(r.stdout).toContain(`(${w} × ${h} px)`);
    expect(w).toBeGreaterThan(2000);
    expect(png.length).toBeGreaterThan(100_000); // a blank PNG of this size compresses to a few kB
  }, 90_000);

  it('svg and pdf, with a title and source; --width sets the pixel width of a jpeg', async () => {
    const svg = await run(
      'export',
      example,
      '-f',
      'svg',
      '--title',
      'Briefing <draft>',
      '--source',
      'TechUK',
      '-o',
      file('m.svg'),
    );
    expect(svg.code).toBe(0);
    const text = readFileSync(file('m.svg'), 'utf8');
    expect(XMLValidator.validate(text)).toBe(true);
    expect(text).toContain('Briefing &lt;draft&gt;');
    expect(text).toMatch(/Source: TechUK/);
    expect(text).toMatch(/<text[^>]*>Anthropic/);
    const pdf = await run('export', example, '-f', 'pdf', '-o', file('m.pdf'));
    expect(pdf.code).toBe(0);
    const bytes = readFileSync(file('m.pdf'));
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1')).toMatch(/\/Type \/Page\b/);
    const jpeg = await run('export', example, '-f', 'jpeg', '--width', '1200', '--no-legend', '-o', file('m.jpg'));
    expect(jpeg.code).toBe(0);
    expect(jpeg.stdout).toMatch(/\(1200 × \d+ px\)/);
    expect(Array.from(readFileSync(file('m.jpg')).subarray(0, 3))).toEqual([0xff, 0xd8, 0xff]);
  }, 180_000);

  it('a view saved with filters is drawn as the map shows it: the rest left out ("hide") or faded', async () => {
    const filtered = file('filtered.stakemap');
    const b = new Backend();
    await b.create(filtered, true);
    const views = await dispatch(b, 'views.list', {}, 'app');
    if (!views.ok) throw new Error(views.error.message);
    const viewId = (views.value[0] as { id: number }).id;
    const setFilters = async (hidden: 'hide' | 'fade') => {
      const r = await dispatch(b, 'views.update', { viewId, filters: { kinds: ['ministry'], hidden } }, 'app');
      expect(r.ok).toBe(true);
    };
    const ministries = EXAMPLE_STAKEHOLDERS.filter((s) => s.kind === 'ministry').length;
    try {
      await setFilters('hide');
      const hidden = await run('export', filtered, '-f', 'svg', '-o', file('hidden.svg'));
      expect(hidden.code).toBe(0);
      expect(hidden.stdout).toContain(`Wrote ${ministries} stakeholders as SVG`);
      const text = readFileSync(file('hidden.svg'), 'utf8');
      expect(text).toMatch(/<text[^>]*>HM Treasury/);
      expect(text).not.toMatch(/<text[^>]*>Anthropic/);

      await setFilters('fade');
      const faded = await run('export', filtered, '-f', 'svg', '-o', file('faded.svg'));
      expect(faded.code).toBe(0);
      expect(faded.stdout).toContain(`Wrote ${EXAMPLE_STAKEHOLDERS.length} stakeholders as SVG`);
      const both = readFileSync(file('faded.svg'), 'utf8');
      expect(both).toMatch(/<text[^>]*>HM Treasury/);
      expect(both).toMatch(/<text[^>]*>Anthropic/);
      // Faded as on screen (the map's 0.08), not drawn at full strength.
      expect(both).toMatch(/opacity="0\.08"|opacity:\s*0\.08/);
    } finally {
      b.close();
    }
  }, 180_000);

  it('without a Chromium: a clear message and exit 1', async () => {
    mkdirSync(file('nobrowser'), { recursive: true });
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'bin/stakemap.ts', 'export', example, '-f', 'png', '-o', file('x.png')],
      {
        cwd: ROOT,
        env: { ...process.env, CHROMIUM_PATH: file('nobrowser/chrome') },
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const code = await new Promise((r) => child.on('close', r));
    expect(code).toBe(1);
    expect(stderr).toMatch(/CHROMIUM_PATH is set to .*but there is no browser there/);
    expect(existsSync(file('x.png'))).toBe(false);
  });
});

/** The RGB(A) pixels of an 8-bit PNG: the chunks' zlib stream inflated and each row's filter undone. */
function decodePng(png: Buffer): { width: number; height: number; channels: number; pixels: Uint8Array } {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  expect(png[24]).toBe(8);
  const channels = png[25] === 6 ? 4 : png[25] === 2 ? 3 : 0;
  expect(channels).toBeGreaterThan(0);
  const parts: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') parts.push(png.subarray(at + 8, at + 8 + length));
    at += length + 12;
  }
  const raw = inflateSync(Buffer.concat(parts));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x] as number;
      const a = x >= channels ? (pixels[y * stride + x - channels] as number) : 0;
      const b = y > 0 ? (pixels[(y - 1) * stride + x] as number) : 0;
      const c = x >= channels && y > 0 ? (pixels[(y - 1) * stride + x - channels] as number) : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter as number] as number;
      pixels[y * stride + x] = (v + predictor) & 255;
    }
  }
  return { width, height, channels, pixels };
}

// A dense map (over DENSE_MAP stakeholders) is drawn by the still-picture painter, not Cytoscape: check
// that it draws the view's stakeholders, and only them, at the size it reports.
describe('a dense map as PNG (the painter)', () => {
  it('draws every kind in the view in its colour, none of those left out, at the reported size', async () => {
    const path = file('dense.stakemap');
    await generateProject(path, { stakeholders: DENSE_MAP + 120, relationshipsPer: 2, seed: 7 });
    const b = new Backend();
    let kept = 0;
    try {
      expect((await dispatch(b, 'project.open', { path }, 'host')).ok).toBe(true);
      const graph = await dispatch(b, 'views.graph', {}, 'app');
      if (!graph.ok) throw new Error(graph.error.message);
      // Media (yellow rhomboids) are taken off the view: the picture must not show them.
      const media = graph.value.nodes.filter((n) => n.kind === 'media').map((n) => n.id);
      expect(media.length).toBeGreaterThan(5);
      kept = graph.value.nodes.length - media.length;
      expect(kept).toBeGreaterThan(DENSE_MAP);
      const removed = await dispatch(
        b,
        'views.removeMembers',
        { viewId: graph.value.view.id, stakeholderIds: media },
        'app',
      );
      expect(removed.ok).toBe(true);
    } finally {
      b.close();
    }
    const r = await run(
      'export',
      path,
      '-f',
      'png',
      '--scale',
      '1',
      '--no-legend',
      '--no-footer',
      '-o',
      file('dense.png'),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Wrote ${kept} stakeholders as PNG`, 'm'));
    const png = decodePng(readFileSync(file('dense.png')));
    expect(r.stdout).toContain(`(${png.width} × ${png.height} px)`);
    const count = new Map<string, number>();
    let ink = 0;
    for (let i = 0; i < png.pixels.length; i += png.channels) {
      const [red, green, blue] = [png.pixels[i], png.pixels[i + 1], png.pixels[i + 2]] as number[];
      if ((red as number) < 235 || (green as number) < 235 || (blue as number) < 235) ink++;
      const hex = `#${[red, green, blue].map((v) => (v as number).toString(16).padStart(2, '0')).join('')}`;
      count.set(hex, (count.get(hex) ?? 0) + 1);
    }
    expect(ink / (png.width * png.height)).toBeGreaterThan(0.1);
    // Node fills are solid: each kind in the view has many pixels of exactly its colour.
    for (const style of Object.values(KIND_STYLES)) {
      const pixels = count.get(style.color) ?? 0;
      if (style.kind === 'media') expect(pixels, 'media was left out of the view').toBe(0);
      else expect(pixels, style.kind).toBeGreaterThan(500);
    }
  }, 120_000);
});

const rgb = (hex: string): string => `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(',')})`;
/** How many shapes of the exported SVG's map (not its legend) are filled with `hex`. */
const graphFills = (svg: string, hex: string): number => {
  const graph = svg.slice(svg.indexOf('class="export-graph"'), svg.indexOf('class="export-legend"'));
  return graph.split(`fill="${rgb(hex)}"`).length - 1;
};

// A view styled by network analysis (issue 7) is drawn as its map shows it: node colours by community from
// the view's newest stored run, sizes by betweenness, and the legend's colour part.
describe('a view coloured by community and sized by betweenness', () => {
  const styled = { colorBy: 'community', sizeBy: 'betweenness' };

  async function styledProject(
    name: string,
    compute: boolean,
  ): Promise<{ path: string; community: Map<number, number> }> {
    const path = file(name);
    const b = new Backend();
    try {
      await b.create(path, true);
      const views = await dispatch(b, 'views.list', {}, 'app');
      if (!views.ok) throw new Error(views.error.message);
      const viewId = (views.value[0] as { id: number }).id;
      let community = new Map<number, number>();
      if (compute) {
        const job = await dispatch(b, 'analysis.start', { viewId }, 'host');
        if (!job.ok) throw new Error(job.error.message);
        const done = await dispatch(b, 'analysis.wait', { jobId: job.value.jobId }, 'host');
        expect(done.ok && done.value.state).toBe('done');
        const run = await dispatch(b, 'analysis.result', { viewId }, 'host');
        if (!run.ok || !run.value) throw new Error('no stored run');
        community = metricValues(run.value, 'community');
      }
      expect((await dispatch(b, 'views.update', { viewId, style: styled }, 'app')).ok).toBe(true);
      return { path, community };
    } finally {
      b.close();
    }
  }

  it('svg and png carry the community colours and a "Colour: community" legend', async () => {
    const { path, community } = await styledProject('styled.stakemap', true);
    const sizes = new Map<number, number>();
    for (const c of community.values()) sizes.set(c, (sizes.get(c) ?? 0) + 1);
    expect(sizes.size).toBeGreaterThan(1);
    expect(sizes.size).toBeLessThanOrEqual(COMMUNITY_COLORS.length);
    const [svg, png] = await Promise.all([
      run('export', path, '-f', 'svg', '-o', file('styled.svg')),
      run('export', path, '-f', 'png', '--scale', '1', '-o', file('styled.png')),
    ]);
    expect(svg).toMatchObject({ code: 0, stderr: '' });
    expect(png).toMatchObject({ code: 0, stderr: '' });

    const text = readFileSync(file('styled.svg'), 'utf8');
    expect(XMLValidator.validate(text)).toBe(true);
    // Each community's stakeholders are filled with its colour: one node body each.
    for (const [c, n] of sizes) expect(graphFills(text, communityColor(c).color), `community ${c}`).toBe(n);
    const legend = text.slice(text.indexOf('class="export-legend"'));
    expect(legend).toMatch(/>Shape: kind</);
    expect(legend).toMatch(/>Colour: community</);
    for (const [c, n] of sizes) expect(legend).toContain(`>Community ${c} (${n})<`);
    expect(legend).toMatch(/>Size: betweenness</);

    const image = decodePng(readFileSync(file('styled.png')));
    const count = new Map<string, number>();
    let ink = 0;
    for (let i = 0; i < image.pixels.length; i += image.channels) {
      const [red, green, blue] = [image.pixels[i], image.pixels[i + 1], image.pixels[i + 2]] as number[];
      if ((red as number) < 235 || (green as number) < 235 || (blue as number) < 235) ink++;
      const hex = `#${[red, green, blue].map((v) => (v as number).toString(16).padStart(2, '0')).join('')}`;
      count.set(hex, (count.get(hex) ?? 0) + 1);
    }
    expect(ink / (image.width * image.height)).toBeGreaterThan(0.02);
    const used = new Set([...sizes.keys()].map((c) => communityColor(c).color));
    for (const hex of used) expect(count.get(hex) ?? 0, hex).toBeGreaterThan(300);
    // Kinds whose colour no community here uses (legislature, academic…) are not drawn in it: the nodes
    // take their community's colour and the legend draws kind shapes in grey.
    const kindOnly = Object.values(KIND_STYLES).filter(
      (k) => !used.has(k.color) && EXAMPLE_STAKEHOLDERS.some((s) => s.kind === k.kind),
    );
    expect(kindOnly.length).toBeGreaterThan(1);
    for (const k of kindOnly) expect(count.get(k.color) ?? 0, k.kind).toBeLessThan(20);
  }, 120_000);

  it('with no metrics stored: drawn by kind and influence, with a one-line note naming the command', async () => {
    const { path } = await styledProject('unstyled.stakemap', false);
    const r = await run('export', path, '-f', 'svg', '-o', file('unstyled.svg'));
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/coloured by community and sized by betweenness, but no metrics have been computed/);
    expect(r.stderr).toContain(`stakemap metrics ${path}`);
    const text = readFileSync(file('unstyled.svg'), 'utf8');
    for (const kind of new Set(EXAMPLE_STAKEHOLDERS.map((s) => s.kind))) {
      const n = EXAMPLE_STAKEHOLDERS.filter((s) => s.kind === kind).length;
      expect(graphFills(text, KIND_STYLES[kind].color), kind).toBe(n);
    }
    expect(text).not.toMatch(/>Colour: /);
    expect(text).toMatch(/>Size: influence \(betweenness once metrics are computed\)</);
  }, 60_000);
});
