// Build step (`npm run build`, after tsc and build-validators): bundle the CLI into dist/bundle/ for a fast start-up.
// Loading ~400 separate ES modules cost ~300 ms of every command; a few bundled chunks load in a fraction of that.
// Each command's code stays a lazily imported chunk (splitting), so `kplay --version` loads only the CLI shell.
import { build } from 'esbuild';
import { copyFileSync, rmSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// dist/bundle/ is as deep as dist/cli/: main.js finds ../../package.json from either
const outdir = `${root}dist/bundle`;

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [`${root}dist/cli/main.js`],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // maps back through tsc's own maps to the .ts sources (for `node --enable-source-maps`)
  sourcemap: true,
  // ssh2 loads optional native addons (cpu-features, sshcrypto.node) with guarded require()s, better-sqlite3 its
  // native binding by path, pg an optional native client: all three are left in node_modules
  external: ['ssh2', 'better-sqlite3', 'pg'],
  // bundled CommonJS dependencies require() node built-ins: give every ES chunk a real require
  banner: { js: "import { createRequire as __kplayCreateRequire } from 'node:module'; const require = __kplayCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
// the precompiled playbook validators are found next to the module that loads them (engine/validate/schema-validators)
copyFileSync(`${root}dist/engine/validate/playbook-validators.cjs`, `${outdir}/playbook-validators.cjs`);
process.stdout.write(`wrote ${outdir}\n`);
