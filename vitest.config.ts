import { defineConfig } from 'vitest/config';

/** The environment the portal's modules see in integration tests (set before any import). */
const runId = Date.now().toString(36);
const integrationEnv = {
  NODE_ENV: 'test' as const,
  LOG_LEVEL: 'silent',
  PUBLIC_ORIGIN: 'http://localhost:3999',
  REDIS_PREFIX: `dauys_it_${runId}`,
  // A fixed test key (32 bytes): never a production key.
  IIN_HMAC_KEY: 'dGVzdC1vbmx5LWlpbi1obWFjLWtleS0zMi1ieXRlcyE',
  IIN_HMAC_KEY_VERSION: '2',
  DEMO: 'true',
  IDENTITY_PROVIDERS: 'demo',
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'app/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/support/fail-on-console-error.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          env: integrationEnv,
          environment: 'node',
          globalSetup: ['tests/support/global-setup.ts'],
          setupFiles: ['tests/support/fail-on-console-error.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
