/** `npm run db:seed`: loads reference data (and demo content when DEMO is on). Safe to run again. */
import { seedProjectData } from '../app/domain/projects/indicators-seed.server';
import { seedDemoContent } from '../app/domain/demo/seed.server';
import { getDbHandle } from '../app/services/db.server';
import { getEnv } from '../app/services/env.server';
import { seedReferenceData } from '../db/seed';

const handle = getDbHandle();
try {
  const report = await seedReferenceData(handle.db, { log: (m) => process.stdout.write(`${m}\n`) });
  process.stdout.write(`reference data: ${JSON.stringify(report)}\n`);
  process.stdout.write(`project data: ${JSON.stringify(await seedProjectData(handle.db, { log: (m) => process.stdout.write(`${m}\n`) }))}\n`);
  if (getEnv().demo) process.stdout.write(`demo content: ${JSON.stringify(await seedDemoContent({ db: handle.db }))}\n`);
} finally {
  await handle.close();
}
