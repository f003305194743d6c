/** `npm run db:migrate`: applies the committed migrations to DATABASE_URL (or the embedded database). */
import { getDbHandle } from '../app/services/db.server';
import { runMigrations } from '../db/migrate';

const handle = getDbHandle();
try {
  await runMigrations(handle);
  process.stdout.write(`migrations applied to ${handle.location}\n`);
} finally {
  await handle.close();
}
