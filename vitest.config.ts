// Two projects: unit (and integration against the in-process simulator), and end-to-end in Chromium.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          // Integration tests talk to the simulator, which makes each track's audio on first use
          // (a few seconds for the ten-minute track on a cold cache).
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Chromium playing audio in real time: one file at a time on a two-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
