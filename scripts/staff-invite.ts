/**
 * `npm run staff:invite -- --name "Aigerim Nurlanova" [--role administrator] [--email a@b.kz] [--akimat 12]`
 * Prints a one-time invitation link (72 hours). Used for the first administrator; afterwards
 * administrators invite staff in the portal.
 */
import { parseArgs } from 'node:util';
import { inviteFromCommandLine } from '../app/domain/identity/staff.server';
import { getDbHandle, getDeps } from '../app/services/db.server';
import { getEnv } from '../app/services/env.server';
import { getIdentityConfig } from '../app/services/identity.server';

const { values } = parseArgs({
  options: {
    name: { type: 'string' },
    role: { type: 'string', default: 'administrator' },
    email: { type: 'string' },
    akimat: { type: 'string', multiple: true, default: [] },
  },
});
try {
  const outcome = await inviteFromCommandLine(getDeps(), getIdentityConfig(), {
    displayName: values.name,
    role: values.role,
    email: values.email,
    bodyIds: values.akimat,
  });
  if (outcome.kind === 'invited') {
    console.log(`Invitation for ${values.name} (${values.role}), valid until ${outcome.expiresAt.toISOString()}:`);
    console.log(`${getEnv().publicOrigin}/invite/${outcome.token}`);
  } else {
    console.error(`Refused: ${outcome.reason}${'fields' in outcome ? ` ${JSON.stringify(outcome.fields)}` : ''}`);
    process.exitCode = 1;
  }
} finally {
  await getDbHandle().close();
}
