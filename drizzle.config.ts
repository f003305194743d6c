import { defineConfig } from 'drizzle-kit';

// Migrations are generated here and committed; they are applied from code (scripts/migrate.ts)
// so that one set serves both PostgreSQL and the embedded PGlite.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  strict: true,
});
