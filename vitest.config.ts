import { defineConfig } from 'vitest/config';

// The test tiers, each named for what it runs (README "Tests"):
// - unit: pure code as data. No processes, no network, no timing. Fast and parallel.
// - local: this machine's own processes and loopback servers: the built CLI, sh, ssh-keygen, an in-process ssh2
//   server, a pseudo-terminal. No Ansible, no lab hosts.
// - compat: kplay against the real ansible-playbook / ansible-inventory / ansible-vault (Debian's ansible-core),
//   one file at a time (each bounds its own concurrency), timeouts that scale with the machine's load.
// - lab: real hosts (root + Linux), one file at a time (they share the machine).
export default defineConfig({
  test: {
    globalSetup: ['test/temp-dir.setup.ts'],
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], exclude: ['node_modules/**', 'dist/**'] } },
      { test: { name: 'local', include: ['test/local/**/*.test.ts'], testTimeout: 60_000 } },
      { test: { name: 'compat', include: ['test/compat/**/*.test.ts'], fileParallelism: false, testTimeout: 600_000, hookTimeout: 600_000 } },
      {
        test: {
          name: 'lab',
          include: ['test/lab/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
