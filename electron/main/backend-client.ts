// Runs the backend in an Electron utility process, so SQLite work never blocks the window, and turns
// postMessage traffic into `call(method, input, caller) → Promise<Result>`.
import { utilityProcess } from 'electron';
import type { Caller } from '../../db/api/dispatch';
import { fail, type Result } from '../../db/api/result';
import type { ProjectInfo } from '../../db/domain/model';
import { type BackendRequest, isCallReply, isReadyReply } from '../backend/protocol';

/** The part of Electron's UtilityProcess the client uses (a fake in tests). */
export interface ChildLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export type Fork = (modulePath: string) => ChildLike;

export const forkUtility: Fork = (modulePath) =>
  utilityProcess.fork(modulePath, [], { serviceName: 'Stakemap backend', stdio: 'inherit' });

export interface BackendClientOptions {
  /** dist/electron/backend.cjs */
  modulePath: string;
  fork?: Fork;
  /** How many times a dead backend is started again (default 1). */
  restarts?: number;
  /** Called after a restart, once the project is open again (the window should reload its data). */
  onRestart?: (startup: Result<ProjectInfo>) => void;
}

type Resolve = (result: Result<unknown>) => void;

const PROJECT_SWITCHES = new Set(['project.open', 'project.create', 'project.saveAs', 'project.info']);

export class BackendClient {
  private child: ChildLike | null = null;
  private readonly pending = new Map<number, Resolve>();
  private nextId = 1;
  private restartsLeft: number;
  private stopped = false;
  private readyResolve: ((r: Result<ProjectInfo>) => void) | null = null;
  /** The open project's path, so a restarted backend reopens the same file. */
  private projectPath: string | null = null;

  constructor(private readonly options: BackendClientOptions) {
    this.restartsLeft = options.restarts ?? 1;
  }

  /** The project the backend has open, as last reported. */
  get currentPath(): string | null {
    return this.projectPath;
  }

  /** Starts the process and opens the startup project (null: the default project). */
  start(startupPath: string | null): Promise<Result<ProjectInfo>> {
    this.projectPath = startupPath;
    return this.spawn();
  }

  call(method: string, input: unknown, caller: Caller): Promise<Result<unknown>> {
    const child = this.child;
    if (!child) {
      return Promise.resolve(
        fail(
          'INTERNAL',
          'The Stakemap backend has stopped and could not be restarted. Close Stakemap and open it again.',
        ),
      );
    }
    const id = this.nextId++;
    return new Promise<Result<unknown>>((resolve) => {
      this.pending.set(id, (result) => {
        if (result.ok) this.track(method, result.value);
        resolve(result);
      });
      try {
        child.postMessage({ id, method, input, caller } satisfies BackendRequest);
      } catch (e) {
        this.pending.delete(id);
        resolve(fail('INVALID_INPUT', `The request could not be sent to the backend: ${(e as Error).message}`));
      }
    });
  }

  /** Asks the backend to close the project cleanly and exit; no restart after this. */
  stop(): void {
    this.stopped = true;
    const child = this.child;
    if (!child) return;
    try {
      child.postMessage({ type: 'shutdown' } satisfies BackendRequest);
    } catch {
      child.kill();
    }
  }

  private track(method: string, value: unknown): void {
    if (method === 'project.close') this.projectPath = null;
    else if (PROJECT_SWITCHES.has(method) && typeof (value as ProjectInfo | null)?.path === 'string') {
      this.projectPath = (value as ProjectInfo).path;
    }
  }

  private spawn(): Promise<Result<ProjectInfo>> {
    const fork = this.options.fork ?? forkUtility;
    let child: ChildLike;
    try {
      child = fork(this.options.modulePath);
    } catch (e) {
      this.child = null;
      return Promise.resolve(fail('INTERNAL', `The Stakemap backend could not be started: ${(e as Error).message}`));
    }
    this.child = child;
    const ready = new Promise<Result<ProjectInfo>>((resolve) => {
      this.readyResolve = resolve;
    });
    child.on('message', (message) => this.onMessage(message));
    child.on('exit', (code) => this.onExit(child, code));
    child.postMessage({ type: 'init', path: this.projectPath } satisfies BackendRequest);
    return ready;
  }

  private onMessage(message: unknown): void {
    if (isReadyReply(message)) {
      if (message.result.ok) this.projectPath = message.result.value.path;
      this.readyResolve?.(message.result);
      this.readyResolve = null;
    } else if (isCallReply(message)) {
      const resolve = this.pending.get(message.id);
      this.pending.delete(message.id);
      resolve?.(message.result);
    }
  }

  private onExit(child: ChildLike, code: number): void {
    if (child !== this.child) return;
    this.child = null;
    const restarting = !this.stopped && this.restartsLeft > 0;
    const lost = fail(
      'INTERNAL',
      `The Stakemap backend stopped unexpectedly (exit code ${code}) before it answered.${
        restarting ? ' It has been restarted: try again.' : ''
      }`,
    );
    for (const resolve of this.pending.values()) resolve(lost);
    this.pending.clear();
    this.readyResolve?.(lost);
    this.readyResolve = null;
    if (!restarting) return;
    this.restartsLeft -= 1;
    this.spawn().then((startup) => this.options.onRestart?.(startup));
  }
}
