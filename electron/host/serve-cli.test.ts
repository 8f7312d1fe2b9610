import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BAD_FILES, sha256 } from '../../db/test/helpers';
import { parseServeArgs, type ServeDeps, startServe } from './serve-cli';
import { rawRequest } from './test-http';

describe('parseServeArgs', () => {
  it('reads --port, --project, --build and --help', () => {
    expect(parseServeArgs([])).toEqual({ ok: true, args: { help: false, build: false } });
    expect(parseServeArgs(['--port', '0', '--project', 'a.stakemap', '--build'])).toEqual({
      ok: true,
      args: { help: false, build: true, port: 0, project: 'a.stakemap' },
    });
    expect(parseServeArgs(['--port=5000'])).toMatchObject({ ok: true, args: { port: 5000 } });
    expect(parseServeArgs(['-h'])).toMatchObject({ ok: true, args: { help: true } });
  });

  it('refuses bad arguments with one plain sentence', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--port', 'eighty'], /^The port must be a whole number from 0 to 65535, not “eighty”\.$/],
      [['--port', '70000'], /not “70000”/],
      [['--port', '-1'], /./],
      [['--port', '1.5'], /not “1\.5”/],
      [['--port'], /^The option “--port” needs a value\.$/],
      [['--project'], /^The option “--project” needs a value\.$/],
      [['--project', ''], /needs a file name/],
      [['--bogus'], /^Unknown option “--bogus”\.$/],
      [['-x'], /^Unknown option “-x”\.$/],
      [['file.stakemap'], /^Unexpected argument “file\.stakemap”: give the project file with --project FILE\.$/],
      [['--build=yes'], /^The option “--build” does not take a value\.$/],
    ];
    for (const [argv, message] of cases) {
      const parsed = parseServeArgs(argv);
      expect(parsed.ok, argv.join(' ')).toBe(false);
      if (!parsed.ok) expect(parsed.message, argv.join(' ')).toMatch(message);
    }
  });
});

describe('startServe', () => {
  let dir: string;
  let rendererDir: string;
  let out: string[];
  let err: string[];
  let builds: number;
  let deps: ServeDeps;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stakemap-serve-'));
    rendererDir = join(dir, 'renderer');
    out = [];
    err = [];
    builds = 0;
    deps = {
      rendererDir,
      cwd: dir,
      env: { STAKEMAP_DATA_DIR: join(dir, 'data') },
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      build: () => {
        builds += 1;
        mkdirSync(rendererDir, { recursive: true });
        writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Built</title>');
        return true;
      },
    };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens (creating) the project relative to cwd, builds when missing, serves, and stops', async () => {
    const outcome = await startServe({ help: false, build: false, port: 0, project: 'new.stakemap' }, deps);
    expect(outcome.kind).toBe('running');
    if (outcome.kind !== 'running') return;
    try {
      expect(builds).toBe(1);
      expect(existsSync(join(dir, 'new.stakemap'))).toBe(true);
      const path = join(dir, 'new.stakemap');
      expect(out).toContain(`Stakemap is serving "new" (${path})`);
      expect(out).toContain(`Open http://127.0.0.1:${outcome.host.port}/?token=${outcome.host.token}`);
      expect(out.some((l) => l.startsWith('Created a new, empty project'))).toBe(true);
      expect(err).toEqual([]);
      const page = await rawRequest({ port: outcome.host.port, path: '/' });
      expect(page.body).toContain('Built');
      const info = await rawRequest({
        port: outcome.host.port,
        method: 'POST',
        path: '/api/project.info',
        headers: { 'Content-Type': 'application/json', 'X-Stakemap-Token': outcome.host.token },
        body: '{}',
      });
      expect(info.json()).toMatchObject({ ok: true, value: { path, counts: { stakeholders: 0 } } });
    } finally {
      await outcome.stop();
    }
    expect(outcome.backend.path).toBeNull();
    await expect(rawRequest({ port: outcome.host.port, path: '/' })).rejects.toThrow();
  });

  it('opens the default project (the worked example) without --project; --build always builds', async () => {
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), 'old');
    const first = await startServe({ help: false, build: false, port: 0 }, deps);
    if (first.kind !== 'running') throw new Error(err.join('\n'));
    expect(builds).toBe(0);
    expect(out.some((l) => /^Stakemap is serving ".+" \(.*Example\.stakemap\)$/.test(l))).toBe(true);
    const info = await rawRequest({
      port: first.host.port,
      method: 'POST',
      path: '/api/project.info',
      headers: { 'Content-Type': 'application/json', 'X-Stakemap-Token': first.host.token },
      body: '{}',
    });
    expect(info.json()).toMatchObject({ ok: true, value: { counts: { stakeholders: 17 } } });
    await first.stop();

    const second = await startServe({ help: false, build: true, port: 0 }, deps);
    if (second.kind !== 'running') throw new Error(err.join('\n'));
    expect(builds).toBe(1);
    await second.stop();
  });

  it('refuses a bad project file before building anything', async () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'just some notes\n');
    const outcome = await startServe({ help: false, build: true, port: 0, project: text }, deps);
    expect(outcome).toEqual({ kind: 'exit', code: 1 });
    expect(builds).toBe(0);
    expect(err).toEqual([
      'Cannot open “notes.txt”: it is a text file, not a Stakemap project. To bring in contacts from a CSV file, use Import instead.',
    ]);
    expect(out).toEqual([]);
  });

  for (const bad of BAD_FILES) {
    it(`refuses ${bad.name} with its message, leaving the bytes untouched`, async () => {
      const path = await bad.make(dir);
      const before = sha256(path);
      const outcome = await startServe({ help: false, build: true, port: 0, project: path }, deps);
      expect(outcome).toEqual({ kind: 'exit', code: 1 });
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(bad.says);
      expect(err[0]).not.toMatch(/\n\s+at /);
      expect(sha256(path)).toBe(before);
    });
  }

  it('exits 1 with a sentence when the build fails', async () => {
    deps.build = () => false;
    const outcome = await startServe({ help: false, build: false, port: 0, project: 'p.stakemap' }, deps);
    expect(outcome).toEqual({ kind: 'exit', code: 1 });
    expect(err.join('\n')).toMatch(/Building the app failed/);
  });

  it('passes STAKEMAP_TEST_HOOKS=1 on to the backend, and only that', async () => {
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), 'x');
    for (const [flag, hooks] of [
      ['1', true],
      ['true', false],
      [undefined, false],
    ] as const) {
      const outcome = await startServe(
        { help: false, build: false, port: 0, project: `hooks-${flag}.stakemap` },
        { ...deps, env: { ...deps.env, STAKEMAP_TEST_HOOKS: flag } },
      );
      if (outcome.kind !== 'running') throw new Error(err.join('\n'));
      expect(outcome.backend.testHooks, String(flag)).toBe(hooks);
      await outcome.stop();
    }
  });
});
