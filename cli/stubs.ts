// Subcommands not built yet would be registered here: they say so and exit non-zero. Each has moved to its own
// cli/*.ts; the hook stays so a future command can start as a stub.
import type { Command } from 'commander';

export function registerStubs(_program: Command): void {
  // every subcommand of DESIGN.md is built now
}
