// The kplay command line: parses options, dispatches to a subcommand (cli/program.ts), maps errors to exit codes.
import { readFileSync } from 'node:fs';
import { buildProgram } from './program.js';
import { exitCodeForError, printError } from './exit.js';

// from dist/cli/ or from the bundle in dist/bundle/ (scripts/bundle.mjs), both two levels below the package root
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const program = buildProgram(pkg.version);

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
