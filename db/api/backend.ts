// The backend both hosts share: it holds the open project and answers contract calls.

import { existsSync } from 'node:fs';
import { DEFAULT_VIEW_NAME, type ProjectInfo } from '../domain/model';
import { saveProjectCopy } from '../export/copy';
import { projectInfo } from '../repositories/project';
import { seedExample } from '../repositories/seed';
import { insertView } from '../repositories/views';
import { dataDir, defaultProjectPath, ensureDataDir } from '../sqlite/locations';
import { type Db, type OpenedProject, openProjectFile } from '../sqlite/open';
import { StakemapError } from './result';

export interface BackendOptions {
  /** Allow `test.*` methods. Hosts pass STAKEMAP_TEST_HOOKS === '1'; nothing else turns it on. */
  testHooks?: boolean;
  /** The data folder (projects offered to the app, the recent list); default: the user's. */
  dataDir?: string;
}

export class Backend {
  readonly testHooks: boolean;
  readonly dataDir: string;
  private project: OpenedProject | null = null;

  constructor(options: BackendOptions = {}) {
    this.testHooks = options.testHooks === true;
    this.dataDir = options.dataDir ?? dataDir();
  }

  get path(): string | null {
    return this.project?.path ?? null;
  }

  /** The open project's connection; a clear error when none is open. */
  get db(): Db {
    if (!this.project) throw new StakemapError('NO_PROJECT', 'No project is open. Open or create a project first.');
    return this.project.db;
  }

  info(): ProjectInfo {
    return projectInfo(this.db, this.project?.path as string);
  }

  /** Opens a file, replacing the open project only once the new one opened cleanly. */
  async open(path: string, options: { create?: boolean } = {}): Promise<ProjectInfo> {
    const next = await openProjectFile(path, options);
    this.close();
    this.project = next;
    return this.info();
  }

  /** Creates a new project file; refuses to overwrite an existing one. */
  async create(path: string, example = false): Promise<ProjectInfo> {
    if (existsSync(path)) {
      throw new StakemapError('CONFLICT', `A file already exists at ${path}. Choose another name.`);
    }
    const next = await openProjectFile(path, { create: true });
    // A new project opens on an empty map, ready for its first stakeholders.
    if (example) seedExample(next.db);
    else insertView(next.db, { name: DEFAULT_VIEW_NAME, layout: 'fcose', members: [] });
    this.close();
    this.project = next;
    return this.info();
  }

  /** Copies the open project to a new file (consistent even mid-write) and switches to it. */
  async saveAs(path: string): Promise<ProjectInfo> {
    const current = this.project;
    if (!current) throw new StakemapError('NO_PROJECT', 'No project is open to save.');
    if (path === current.path) return this.info();
    await saveProjectCopy(current.db, current.path, path);
    return this.open(path);
  }

  close(): void {
    this.project?.db.close();
    this.project = null;
  }
}

/**
 * Opens what a host starts on: the given file (created empty when missing), else the default
 * project in the data folder, created with the worked example on first run.
 */
export async function openStartupProject(backend: Backend, path?: string): Promise<ProjectInfo> {
  if (path) return existsSync(path) ? backend.open(path) : backend.create(path);
  const file = defaultProjectPath(ensureDataDir(backend.dataDir));
  return existsSync(file) ? backend.open(file) : backend.create(file, true);
}
