/**
 * `npm run open311:partner -- --name "City 109 contact centre"`
 * Issues an Open311 API key to a partner system and prints it once (only its SHA-256 is stored).
 */
import { parseArgs } from 'node:util';
import { issuePartnerKey } from '../app/domain/reports/open311.server';
import { getDbHandle, getDeps } from '../app/services/db.server';

const { values } = parseArgs({ options: { name: { type: 'string' } } });
if (!values.name || values.name.trim().length < 2) {
  console.error('Usage: npm run open311:partner -- --name "<partner name>"');
  process.exit(2);
}
try {
  const { partnerId, apiKey } = await issuePartnerKey(getDeps(), values.name);
  console.log(`Open311 partner: ${values.name.trim()} (${partnerId})`);
  console.log(`API key, shown once (only its hash is stored): ${apiKey}`);
} finally {
  await getDbHandle().close();
}
