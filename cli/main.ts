// The kplay command line: parses options, dispatches to a subcommand, maps errors to exit codes.
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { registerStubs } from './stubs.js';
import { registerLabCommand } from './lab.js';
import { registerRunCommand } from './run.js';
import { registerInventoryCommand } from './inventory.js';
import { registerValidateCommand } from './validate.js';
import { registerDocCommand } from './doc-command.js';
import { registerConnectionsCommand } from './connections.js';
import { registerConfigCommand } from './config-command.js';
import { exitCodeForError, printError } from './exit.js';

// from dist/cli/ or from the bundle in dist/bundle/ (scripts/bundle.mjs), both two levels below the package root
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command('kplay')
  .description('Declarative configuration management: YAML playbooks of idempotent modules over SSH')
  .version(pkg.version, '--version', 'print the version and exit')
  // a mistyped option: the error and where the options are, not 60 lines of help scrolling it away
  .showHelpAfterError('(kplay help <command> lists its options)')
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 5);
  });

registerRunCommand(program);
registerInventoryCommand(program);
registerValidateCommand(program);
registerDocCommand(program);
registerStubs(program);
registerLabCommand(program);
registerConnectionsCommand(program);
registerConfigCommand(program);

// a closed pipe (`kplay run ... | head`) ends the run quietly, as other Unix tools do
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

program.parseAsync(process.argv).catch((err: unknown) => {
  printError(err);
  process.exit(exitCodeForError(err));
});
