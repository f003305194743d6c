import { createHash } from 'node:crypto';
import type { IntegrityConfig } from './config';
import { sharedRangeOf } from './features';
import { parseIp, prefixKey } from './ip';

/**
 * Trending sources (as the UK petitions site's hourly "trending IP / domain" job): for one window
 * (a clock hour), the networks (IPv4 /24, IPv6 /48) and the devices (first-party device cookie)
 * with the most signatures on each petition.
 *
 * Rule, for each petition and source (kind, key) with n signatures in the window:
 *   logged  ⇔ n ≥ logAt[kind]                (kept for moderators, at most topPerPetition per petition and kind, most first)
 *   alerted ⇔ n ≥ alertAt[kind]              (moderators are told in the portal)
 * A network in a shared range (CGNAT, a listed mobile carrier), where many unrelated people share
 * few addresses, needs ⌈threshold · network.sharedRangeAllowance.countFactor⌉ for both.
 * A device key is a one-way hash of the cookie id; no address is kept, only its network.
 */

export interface TrendingInput {
  readonly petitionId: string;
  readonly ip: string | null;
  readonly deviceId: string | null;
}

export type SourceKind = 'network' | 'device';

export interface TrendingSource {
  readonly petitionId: string;
  readonly kind: SourceKind;
  /** The network prefix, or a hash of the device id. */
  readonly key: string;
  readonly signatures: number;
  /** The threshold that applied to alert (after the shared-range allowance). */
  readonly alertAt: number;
  readonly alerted: boolean;
  readonly sharedRange: boolean;
}

/** The clock hour before `now` (UTC): [start, end). */
export function trendingWindow(now: Date, minutes: number): { start: Date; end: Date } {
  const span = minutes * 60_000;
  const end = Math.floor(now.getTime() / span) * span;
  return { start: new Date(end - span), end: new Date(end) };
}

export const deviceKey = (deviceId: string) => `device:${createHash('sha256').update(deviceId).digest('hex').slice(0, 12)}`;

export function trendingSources(rows: readonly TrendingInput[], cfg: IntegrityConfig): TrendingSource[] {
  const t = cfg.trending;
  const counts = new Map<string, { petitionId: string; kind: SourceKind; key: string; n: number; shared: boolean }>();
  const bump = (petitionId: string, kind: SourceKind, key: string, shared: boolean) => {
    const k = `${petitionId}|${kind}|${key}`;
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { petitionId, kind, key, n: 1, shared });
  };
  const sharedByNetwork = new Map<string, boolean>();
  for (const r of rows) {
    const address = r.ip ? parseIp(r.ip) : null;
    if (address) {
      const network = prefixKey(address, address.version === 4 ? cfg.network.ipv4PrefixLength : cfg.network.ipv6PrefixLength);
      let shared = sharedByNetwork.get(network);
      if (shared === undefined) {
        shared = sharedRangeOf(address, cfg) !== null;
        sharedByNetwork.set(network, shared);
      }
      bump(r.petitionId, 'network', network, shared);
    }
    if (r.deviceId) bump(r.petitionId, 'device', deviceKey(r.deviceId), false);
  }
  const factor = cfg.network.sharedRangeAllowance.countFactor;
  const out: TrendingSource[] = [];
  for (const c of counts.values()) {
    const logAt = c.shared ? Math.ceil(t.logAt[c.kind] * factor) : t.logAt[c.kind];
    if (c.n < logAt) continue;
    const alertAt = c.shared ? Math.ceil(t.alertAt[c.kind] * factor) : t.alertAt[c.kind];
    out.push({ petitionId: c.petitionId, kind: c.kind, key: c.key, signatures: c.n, alertAt, alerted: c.n >= alertAt, sharedRange: c.shared });
  }
  out.sort((a, b) => a.petitionId.localeCompare(b.petitionId) || a.kind.localeCompare(b.kind) || b.signatures - a.signatures || a.key.localeCompare(b.key));
  const kept: TrendingSource[] = [];
  const per = new Map<string, number>();
  for (const s of out) {
    const k = `${s.petitionId}|${s.kind}`;
    const n = per.get(k) ?? 0;
    if (n >= t.topPerPetition) continue;
    per.set(k, n + 1);
    kept.push(s);
  }
  return kept;
}
