import { defineConfig } from 'vitest/config';

// Three projects: pure unit tests (fast, parallel), integration tests through HTTP against a real
// DynamoDB Local (one per test file, on a free port), and CDK assertion tests (synth is CPU-heavy).
// Sized for 2 cores: integration and infra files run with limited parallelism.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          // 240-row batches take over a minute when several runs share the machine's 2 cores.
          testTimeout: 240_000,
          // DynamoDB Local starts slowly when several runs share the machine.
          hookTimeout: 180_000,
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          // Synth in beforeAll takes well over the 10 s default on a loaded machine.
          hookTimeout: 300_000,
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
