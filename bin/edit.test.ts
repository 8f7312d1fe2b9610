// `add`, `update` and `delete` run in-process through `main`, against real project files.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Backend, dispatch } from '../db/api/index';
import { makeExampleProject, sha256, tempDir } from '../db/test/helpers';
import { main } from './cli';

let dir: string;
let cleanup: () => void;
let file: string;

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

async function read<T>(work: (b: Backend) => Promise<T>): Promise<T> {
  const b = new Backend({ dataDir: dir });
  await b.open(file);
  try {
    return await work(b);
  } finally {
    b.close();
  }
}
const stakeholders = () =>
  read(async (b) => {
    const r = await dispatch(b, 'stakeholders.list', {});
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  });

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  file = join(dir, 'p.stakemap');
  await makeExampleProject(file);
});
afterEach(() => cleanup());

describe('add', () => {
  it('adds a stakeholder with every kind of field and prints it as JSON', async () => {
    const r = await cli(
      'add',
      file,
      '--name',
      'Ofcom',
      '--kind',
      'regulator',
      '--country',
      'UK',
      '--influence',
      '4',
      '--stance',
      '−1',
      '--tag',
      'Online safety',
      '--tag',
      'UK',
      '--email',
      'press@ofcom.org.uk',
      '--parent',
      'Department for Science, Innovation and Technology',
      '--json',
    );
    expect(r.code).toBe(0);
    const saved = JSON.parse(r.stdout);
    expect(saved.record).toMatchObject({
      name: 'Ofcom',
      kind: 'regulator',
      influence: 4,
      stance: -1,
      emails: ['press@ofcom.org.uk'],
    });
    expect(saved.record.tags.sort()).toEqual(['Online safety', 'UK']);
    const stored = (await stakeholders()).find((s) => s.name === 'Ofcom');
    const dsit = (await stakeholders()).find((s) => s.name === 'Department for Science, Innovation and Technology');
    expect(stored?.parentId).toBe(dsit?.id);
  });

  it('adds a relationship between stakeholders named on the command line', async () => {
    const r = await cli(
      'add',
      file,
      '--relationship',
      '--from',
      'TechUK',
      '--to',
      'HM Treasury',
      '--type',
      'lobbies',
      '--strength',
      '5',
      '--mutual',
      '--json',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ type: 'lobbies', strength: 5, mutual: true });
  });

  it('refuses bad values with exit 2 and the reason, changing nothing', async () => {
    const before = sha256(file);
    const cases: [string[], RegExp][] = [
      [['--name', ' ', '--kind', 'person'], /Give the stakeholder a name/],
      [['--name', 'A', '--kind', 'alien'], /Choose a kind/],
      [['--name', 'A', '--kind', 'person', '--influence', 'high'], /--influence must be a whole number/],
      [['--name', 'A', '--kind', 'person', '--email', 'nope'], /email address like/],
      [['--name', 'A'], /needs --name and --kind/],
      [['--relationship', '--from', 'TechUK', '--to', 'TechUK', '--type', 'funds'], /two different stakeholders/],
      [['--relationship', '--from', 'TechUK', '--type', 'funds'], /needs --to/],
    ];
    for (const [args, says] of cases) {
      const r = await cli('add', file, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(says);
    }
    expect(sha256(file)).toBe(before);
  });

  it('refuses a file that is not a project with exit 1', async () => {
    const r = await cli('add', join(dir, 'missing.stakemap'), '--name', 'A', '--kind', 'person');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no file at that path/);
  });
});

describe('update and delete', () => {
  it('changes only the given fields, clears with "", and warns about a duplicate name', async () => {
    const r = await cli('update', file, 'techuk', '--stance', '2', '--country', '', '--name', 'HM Treasury');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/also called “HM Treasury”/);
    const changed = (await stakeholders()).filter((s) => s.name === 'HM Treasury');
    expect(changed).toHaveLength(2);
    expect(changed.find((s) => s.stance === 2)?.country).toBeNull();
  });

  it('names ambiguous and unknown stakeholders', async () => {
    await cli('add', file, '--name', 'TechUK', '--kind', 'trade_body');
    const ambiguous = await cli('delete', file, 'TechUK');
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toMatch(/2 stakeholders are called “TechUK”.*give an id/);
    expect((await cli('delete', file, 'Nobody')).stderr).toMatch(/No stakeholder called or numbered “Nobody”/);
  });

  it('deletes a stakeholder with its relationships, undoably', async () => {
    const r = await cli('delete', file, 'University of Cambridge', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ relationships: 1, members: 1 });
    expect((await stakeholders()).some((s) => s.name === 'University of Cambridge')).toBe(false);
    const state = await read(async (b) => dispatch(b, 'changes.undo', {}));
    expect(state.ok).toBe(true);
    expect((await stakeholders()).some((s) => s.name === 'University of Cambridge')).toBe(true);
  });

  it('updates and deletes a relationship by id', async () => {
    const added = JSON.parse(
      (await cli('add', file, '--relationship', '--from', 'OpenAI', '--to', 'TechUK', '--type', 'funds', '--json'))
        .stdout,
    );
    const upd = await cli(
      'update',
      file,
      String(added.id),
      '--relationship',
      '--sentiment',
      'negative',
      '--valid-from',
      '2026-01-01',
      '--json',
    );
    expect(JSON.parse(upd.stdout)).toMatchObject({ sentiment: 'negative', validFrom: '2026-01-01' });
    expect((await cli('update', file, 'x', '--relationship', '--strength', '2')).code).toBe(2);
    const del = await cli('delete', file, String(added.id), '--relationship');
    expect(del).toMatchObject({ code: 0, stdout: `Deleted relationship ${added.id}.` });
    expect((await cli('delete', file, String(added.id), '--relationship')).code).toBe(1);
  });
});
