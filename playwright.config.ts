import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// The portal under test is the production build started exactly as `npm start` starts it, on a
// fresh embedded database in a temporary folder and a private Redis key prefix.
process.env.DAUYS_E2E_DIR ??= mkdtempSync(path.join(tmpdir(), 'dauys-e2e-'));
process.env.DAUYS_E2E_PREFIX ??= `dauys_e2e_${Date.now().toString(36)}`;
const PORT = Number(process.env.E2E_PORT ?? 3100);
const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? 3101);
export const BASE_URL = `http://localhost:${PORT}`;
const OIDC_ISSUER = `http://localhost:${OIDC_PORT}`;

const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  },
};

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  timeout: 30_000,
  globalTeardown: './tests/e2e/global-teardown.ts',
  use: { baseURL: BASE_URL, trace: 'off', locale: 'en-GB' },
  projects: [
    // Every test runs with JavaScript; those tagged @nojs also run without it, @nojs-only only without.
    { name: 'chromium', use: chromium, grepInvert: /@nojs-only/ },
    { name: 'no-javascript', use: { ...chromium, javaScriptEnabled: false }, grep: /@nojs/ },
  ],
  webServer: [
    {
      command: 'node node_modules/tsx/dist/cli.mjs scripts/start.ts',
      url: `${BASE_URL}/readyz`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
      env: {
        NODE_ENV: 'test',
        PORT: String(PORT),
        PGLITE_DIR: path.join(process.env.DAUYS_E2E_DIR, 'pglite'),
        MAIL_DIR: path.join(process.env.DAUYS_E2E_DIR, 'mail'),
        REDIS_URL: process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379',
        REDIS_PREFIX: process.env.DAUYS_E2E_PREFIX,
        DEMO: 'true',
        // A handful of e2e citizens can walk a petition's whole life.
        PETITION_INITIAL_SUPPORT: '2',
        // Every e2e browser comes from 127.0.0.1: per-address limits sized for a test run.
        RATE_LIMIT_PROOFING_PER_HOUR: '500',
        RATE_LIMIT_SIGN_IN_PER_MINUTE: '500',
        PETITION_THRESHOLD_CAP: '5',
        COUNTS_INTERVAL_MS: '1000',
        LOG_LEVEL: 'warn',
        // Both identity providers: the demo form and OpenID Connect against the local dev provider.
        IDENTITY_PROVIDERS: 'demo,oidc',
        OIDC_ISSUER,
        OIDC_CLIENT_ID: 'dauys-e2e',
        OIDC_CLIENT_SECRET: 'dauys-e2e-only-secret',
        OIDC_ALLOW_INSECURE: 'true',
        OIDC_SCOPES: 'openid profile email',
      },
    },
    {
      command: `node node_modules/tsx/dist/cli.mjs scripts/oidc-dev-provider.ts --port ${OIDC_PORT} --redirect ${BASE_URL}/auth/oidc/callback --client-id dauys-e2e --client-secret dauys-e2e-only-secret`,
      url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
  ],
});
