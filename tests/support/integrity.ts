import { readFileSync } from 'node:fs';
import { parseIntegrityConfig, type IntegrityConfig } from '../../app/domain/integrity';

/** The seeded integrity configuration file, as JSON. */
export const rawIntegrityConfig = JSON.parse(readFileSync(new URL('../../db/seed/data/dauys_integrity_config.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/** The seeded integrity configuration, parsed, after `mutate` changed a copy of it (tests tweak fields). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests tweak arbitrary config fields
export function integrityConfig(mutate?: (c: any) => void): IntegrityConfig {
  const c = structuredClone(rawIntegrityConfig);
  mutate?.(c);
  const r = parseIntegrityConfig(c);
  if (r.kind !== 'ok') throw new Error(r.issues.join('\n'));
  return r.config;
}
