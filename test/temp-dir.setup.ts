// Every temporary file or directory of a test run goes under one directory of that run (TMPDIR, which the test
// workers and the programs they start inherit), removed when the run ends: a test run leaves nothing in /tmp.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'kplay-tests-'));
  process.env.TMPDIR = dir;
  // runs the tests start are recorded in this test run's own store, not the user's
  process.env.KPLAY_RUN_STORE = join(dir, 'runs.sqlite');
  return () => rmSync(dir, { recursive: true, force: true });
}
