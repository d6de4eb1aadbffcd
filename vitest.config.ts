import { defineConfig } from 'vitest/config';
import LongestFirst from './test/longest-first.sequencer.js';

// The test tiers, each named for what it runs (README "Tests"):
// - unit: pure code as data. No processes, no network, no timing. Fast and parallel.
// - local: this machine's own processes and loopback servers: the built CLI, sh, ssh-keygen, an in-process ssh2
//   server, a pseudo-terminal. No Ansible, no lab hosts.
// - compat: kplay against the real ansible-playbook / ansible-inventory / ansible-vault (Debian's ansible-core),
//   each file bounding its own concurrency, timeouts that scale with the machine's load.
// - lab: real hosts (root + Linux), each file with its own lab; two files side by side (they mostly wait on their
//   hosts, and each lab has its own names and subnet).
// - lab-timing: the lab files that measure time (connect and task timeouts, keepalives, interrupts, retries): one
//   file at a time, after everything else, so no other work skews what they measure.
// Order (vitest runs a group's projects together, with one worker count): unit, local and compat, two files at a
// time; then lab; then lab-timing. Within each, the longest files start first (test/longest-first.sequencer.ts).
const LAB_TIMING = ['test/lab/faults.test.ts', 'test/lab/interrupt.test.ts', 'test/lab/transport.test.ts', 'test/lab/transport-lab.test.ts', 'test/lab/async.test.ts', 'test/lab/keeper.test.ts', 'test/lab/reliability.test.ts'];
const LAB_TIMEOUTS = { testTimeout: 600_000, hookTimeout: 900_000 };

export default defineConfig({
  test: {
    globalSetup: ['test/temp-dir.setup.ts'],
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], exclude: ['node_modules/**', 'dist/**'], sequence: { groupOrder: 0 } } },
      { test: { name: 'local', include: ['test/local/**/*.test.ts'], testTimeout: 60_000, sequence: { groupOrder: 0 } } },
      { test: { name: 'compat', include: ['test/compat/**/*.test.ts'], testTimeout: 600_000, hookTimeout: 600_000, sequence: { groupOrder: 0 } } },
      { test: { name: 'lab', include: ['test/lab/**/*.test.ts'], exclude: LAB_TIMING, ...LAB_TIMEOUTS, sequence: { groupOrder: 1 } } },
      { test: { name: 'lab-timing', include: LAB_TIMING, fileParallelism: false, ...LAB_TIMEOUTS, sequence: { groupOrder: 2 } } },
    ],
  },
});
