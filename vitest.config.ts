import { defineConfig } from 'vitest/config';

// unit: pure code, fast, parallel. lab: real hosts (root + Linux), run one file at a time (they share the machine).
export default defineConfig({
  test: {
    globalSetup: ['test/temp-dir.setup.ts'],
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts', '**/*.unit.test.ts'], exclude: ['node_modules/**', 'dist/**'] } },
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
