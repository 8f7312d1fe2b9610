import { existsSync } from 'node:fs';
import { generateProject } from './bench/generate';
import { Backend } from './db/api/backend';
import { getView, loadViewGraph } from './db/repositories/views';
import { openHeadlessRenderer } from './bin/render-image';
const n = Number(process.argv[2] ?? 5000);
const scale = Number(process.argv[3] ?? 2);
const p = `/tmp/smx/bench${n}.stakemap`;
if (!existsSync(p)) await generateProject(p, { stakeholders: n });
const b = new Backend(); await b.open(p);
const graph = loadViewGraph(b.db, getView(b.db)!); b.close();
const r = await openHeadlessRenderer();
for (let i = 0; i < 1; i++) {
  const t = performance.now();
  const img = await r.render(graph, { format: 'png', scope: 'whole', size: { mode: 'scale', scale }, background: 'white', legend: true, footer: { title: 't', date: 'd', source: 's' } });
  console.log(Math.round(performance.now() - t), 'ms', img.width, 'x', img.height, img.bytes.length, JSON.stringify(img.timings), img.notes);
}
await r.close();
