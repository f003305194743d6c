// Lint: TypeScript rules plus the import directions of the architecture (see README "Architecture").
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const pattern = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ['build/**', 'public/build/**', '.cache/**', '.data/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn'] }],
    },
  },
  // Domain: plain TypeScript. No Remix, no queue, no HTTP glue, no process.env.
  {
    files: ['app/domain/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(['@remix-run/*'], 'The domain knows nothing of Remix: return outcomes, let routes map them.'),
            pattern(['bullmq', 'ioredis', 'express', 'nodemailer', 'pino'], 'The domain talks to infrastructure through ports in Deps.'),
            pattern(['**/services/*', '**/routes/*', '**/ui/*', '**/workers/*', '**/scripts/*'], 'The domain may import only domain modules, i18n and db.'),
          ],
        },
      ],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Config reaches the domain through arguments.' }],
    },
  },
  // The database layer is the bottom: it imports nothing of the app.
  {
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [pattern(['**/app/*', '**/workers/*', '**/scripts/*'], 'db/ is the lowest layer.')] }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'db/ receives its config as arguments.' }],
    },
  },
  // Services are glue: they never reach up into routes, UI or workers.
  {
    files: ['app/services/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [pattern(['**/routes/*', '**/ui/*', '**/workers/*', '**/scripts/*'], 'Services are used by routes and workers, not the other way round.')] }],
    },
  },
  // Routes and UI: no database schema or driver directly; go through the domain.
  {
    files: ['app/routes/**/*.{ts,tsx}', 'app/ui/**/*.{ts,tsx}', 'app/root.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(['**/db/*', 'drizzle-orm', 'drizzle-orm/*', 'postgres', '@electric-sql/*'], 'Routes call domain functions; SQL lives in the domain and db layers.'),
            pattern(['bullmq', 'ioredis', '**/workers/*'], 'Routes enqueue through the outbox (domain), never the queue directly.'),
          ],
        },
      ],
    },
  },
  // Workers: thin wrappers around domain calls; never routes or UI.
  {
    files: ['workers/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [pattern(['**/routes/*', '**/ui/*', '@remix-run/*'], 'Workers call the domain, not the web layer.')] }],
    },
  },
  {
    files: ['scripts/**/*.ts', 'tests/**/*.ts', 'workers/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
