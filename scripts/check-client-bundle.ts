/**
 * Fails when server-only code reached the browser bundle (public/build): the database layer,
 * drivers, the queue, secrets handling or WebAuthn verification. Run after `remix build`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const MARKERS: [string, RegExp][] = [
  ['drizzle-orm', /drizzle:entityKind/],
  ['postgres.js', /postgres\.js|PostgresError/],
  ['PGlite', /electric-sql|PGlite/],
  ['BullMQ / ioredis', /bullmq|ioredis/i],
  ['@simplewebauthn/server', /verifyRegistrationResponse|verifyAuthenticationResponse/],
  ['node:crypto HMAC of IIN', /IIN_HMAC_KEY|iinHmac/],
  ['nodemailer', /nodemailer/],
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.js') ? [p] : [];
  });
}

const found = files('public/build').flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  return MARKERS.filter(([, re]) => re.test(text)).map(([name]) => `${name} in ${file}`);
});
if (found.length > 0) {
  console.error(`Server-only code in the browser bundle:\n  ${found.join('\n  ')}\nName the module *.server.ts.`);
  process.exit(1);
}
console.log('client bundle: no server-only code');
