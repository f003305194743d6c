import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_TIMINGS, type IdentityConfig, type IinKey } from '../domain/identity/config';
import { getEnv } from './env.server';
import { singleton } from './singleton.server';

function decodeKey(text: string): Buffer {
  const key = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key.length < 32) throw new Error('IIN HMAC keys must be at least 32 bytes');
  return key;
}

/**
 * Outside production, without IIN_HMAC_KEY, a random key is made once per installation and kept
 * beside the embedded database (never a key written in the code). Production requires the variable.
 */
function developmentKey(dataDir: string): string {
  const file = path.join(dataDir, 'dev-iin-hmac-key');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const key = randomBytes(32).toString('base64url');
    writeFileSync(file, key, { mode: 0o600 });
    return key;
  }
}

export function getIdentityConfig(): IdentityConfig {
  return singleton('identity-config', () => {
    const env = getEnv();
    const current: IinKey = {
      version: env.iinHmacKeyVersion,
      secret: decodeKey(env.iinHmacKey ?? developmentKey(path.dirname(path.resolve(env.pgliteDir)))),
    };
    return {
      iinKeys: { current, previous: env.iinHmacPreviousKeys.map((k) => ({ version: k.version, secret: decodeKey(k.key) })) },
      rpId: env.rpId,
      rpName: 'Dauys',
      origins: [env.publicOrigin],
      ...DEFAULT_TIMINGS,
    };
  });
}
