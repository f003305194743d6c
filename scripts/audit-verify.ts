/** `npm run audit:verify`: checks the audit log's hash chain; exits 1 and names the row if broken. */
import { verifyAuditLog } from '../app/domain/audit/audit.server';
import { getDbHandle } from '../app/services/db.server';

const handle = getDbHandle();
try {
  const result = await verifyAuditLog(handle.db);
  if (result.ok) {
    console.log(`audit log intact: ${result.rows} rows verified`);
  } else {
    console.error(`audit log TAMPERED: row ${result.brokenAt} fails its ${result.reason === 'hash' ? 'content hash' : 'link to the previous row'} (${result.rows} rows read)`);
    process.exitCode = 1;
  }
} finally {
  await handle.close();
}
