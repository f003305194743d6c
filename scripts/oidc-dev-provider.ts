/**
 * A local OpenID Connect provider for development and end-to-end tests (never production): the
 * same provider as the integration tests (tests/support/oidc-provider.ts) with a login page where
 * you pick one of the test accounts. Listens on loopback only.
 *
 *   tsx scripts/oidc-dev-provider.ts --port 3101 --redirect http://localhost:3100/auth/oidc/callback
 *
 * Then run the portal with
 *   IDENTITY_PROVIDERS=demo,oidc OIDC_ISSUER=http://localhost:3101 OIDC_CLIENT_ID=dauys-dev
 *   OIDC_CLIENT_SECRET=dauys-dev-only-secret OIDC_ALLOW_INSECURE=true OIDC_SCOPES="openid profile email"
 */
import { parseArgs } from 'node:util';
import { DEFAULT_ACCOUNTS, startOidcProvider } from '../tests/support/oidc-provider';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3101' },
    redirect: { type: 'string', default: 'http://localhost:3100/auth/oidc/callback' },
    'client-id': { type: 'string', default: 'dauys-dev' },
    'client-secret': { type: 'string', default: 'dauys-dev-only-secret' },
    'claims-in-id-token': { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`--port must be a port number, not ${values.port}`);
  process.exit(2);
}
try {
  new URL(values.redirect);
} catch {
  console.error(`--redirect must be a URL, not ${values.redirect}`);
  process.exit(2);
}

const provider = await startOidcProvider({
  redirectUri: values.redirect,
  clientId: values['client-id'],
  clientSecret: values['client-secret'],
  port,
  hosts: ['127.0.0.1', '::1'],
  publicUrl: (p) => `http://localhost:${p}`,
  claimsInIdToken: values['claims-in-id-token'],
});

console.log(`OIDC dev provider ready: issuer ${provider.issuer}`);
console.log(`  client_id ${provider.clientId}, redirect_uri ${values.redirect}`);
console.log(`  accounts: ${DEFAULT_ACCOUNTS.map((a) => a.sub).join(', ')}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void provider.close().then(() => process.exit(0));
  });
}
