#!/usr/bin/env node
// The kplay command: the bundled CLI (dist/bundle/, fast start-up) when it was built from the current compiled code,
// else the compiled modules themselves (after a bare `tsc`, the bundle would run stale code).
import { statSync } from 'node:fs';

const mtime = (rel) => statSync(new URL(rel, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundled = mtime('../dist/bundle/main.js') >= mtime('../dist/cli/main.js');
await import(bundled ? '../dist/bundle/main.js' : '../dist/cli/main.js');
