#!/usr/bin/env node
// The kplay command: the bundled CLI (dist/bundle/, fast start-up) when it was built from the current compiled code,
// else the compiled modules themselves (after a bare `tsc`, the bundle would run stale code).
import { readFileSync, statSync } from 'node:fs';

const here = (rel) => new URL(rel, import.meta.url);
if (process.argv.length === 3 && process.argv[2] === '--version') {
  // the version alone needs no command tree: answer before loading it (what the CLI prints for it, too)
  process.stdout.write(`${JSON.parse(readFileSync(here('../package.json'), 'utf8')).version}\n`);
} else {
  const mtime = (rel) => statSync(here(rel), { throwIfNoEntry: false })?.mtimeMs ?? -1;
  const bundled = mtime('../dist/bundle/main.js') >= mtime('../dist/cli/main.js');
  await import(bundled ? '../dist/bundle/main.js' : '../dist/cli/main.js');
}
