// The command table. A new command (import, export, metrics…) is a module in this folder plus one line here.
import type { Command } from '../command';
import { add, remove, update } from './edit';
import { exportCommand } from './export';
import { importCommand } from './import';
import { info } from './info';
import { list } from './list';
import { metricsCommand } from './metrics';

export const COMMANDS: readonly Command[] = [
  info,
  list,
  add,
  update,
  remove,
  exportCommand,
  importCommand,
  metricsCommand,
];

export const findCommand = (name: string): Command | undefined => COMMANDS.find((c) => c.name === name);
