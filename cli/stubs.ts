// Subcommands not built yet: they say so and exit non-zero. Each moves to its own cli/*.ts when it is built.
import type { Command } from 'commander';
import { NotImplementedError } from '../engine/core/errors.js';

const notYet = (what: string) => (): never => {
  throw new NotImplementedError(what);
};

export function registerStubs(program: Command): void {
  program.command('doc').argument('[module]').description("show a module's documentation").action(notYet('kplay doc'));
}
