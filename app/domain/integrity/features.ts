import { type IntegrityConfig, type SharedRange } from './config';
import { SHARED_ADDRESS_SPACE, cidrContains, formatIp, parseCidr, prefixKey, parseIp, type Cidr, type IpAddress } from './ip';
import { type SignatureEvent } from './types';

/**
 * Derived, memoized features of a signature event under a configuration (parsing an address once
 * per event, not once per comparison). The memo is keyed by object identity and holds no state
 * visible to callers: the functions stay pure.
 */
export interface EventFeatures {
  /** signedAt in ms since the epoch. */
  readonly t: number;
  /** Canonical address text (v4-mapped IPv6 as IPv4); null when the address does not parse. */
  readonly ip: string | null;
  /** Network key (IPv4 /24, IPv6 /48 by default); null when the address does not parse. */
  readonly network: string | null;
  /** The carrier-grade NAT / mobile range containing the address, if any. */
  readonly shared: SharedRange | null;
  /** Weak device key: AAGUID + user agent; null without an AAGUID. */
  readonly weakKey: string | null;
  /** Region (first two KATO digits); null when unknown. */
  readonly region: string | null;
  /** Account age at signing, in days. */
  readonly accountAgeDays: number;
  /** Hours between the latest of account creation, proofing and passkey registration and signing. */
  readonly freshnessHours: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface CompiledRanges {
  readonly ranges: readonly { cidr: Cidr; range: SharedRange }[];
  readonly byIp: Map<string, SharedRange | null>;
}

const compiledByConfig = new WeakMap<IntegrityConfig, CompiledRanges>();
const featuresByConfig = new WeakMap<IntegrityConfig, WeakMap<SignatureEvent, EventFeatures>>();

const RFC6598: SharedRange = {
  cidr: '100.64.0.0/10',
  label: 'RFC 6598 shared address space',
  kind: 'shared-address-space',
  approximate: false,
  source: 'RFC 6598',
};

function compiled(cfg: IntegrityConfig): CompiledRanges {
  let c = compiledByConfig.get(cfg);
  if (!c) {
    const ranges: { cidr: Cidr; range: SharedRange }[] = [];
    for (const range of cfg.network.sharedRanges) {
      const cidr = parseCidr(range.cidr);
      if (cidr) ranges.push({ cidr, range });
    }
    // The shared address space is always treated as shared, listed or not.
    ranges.push({ cidr: SHARED_ADDRESS_SPACE, range: RFC6598 });
    // Most specific range first.
    ranges.sort((a, b) => b.cidr.length - a.cidr.length);
    c = { ranges, byIp: new Map() };
    compiledByConfig.set(cfg, c);
  }
  return c;
}

/** The shared (carrier-grade NAT) range containing the address, most specific first. */
export function sharedRangeOf(address: IpAddress, cfg: IntegrityConfig): SharedRange | null {
  const c = compiled(cfg);
  const key = formatIp(address);
  const hit = c.byIp.get(key);
  if (hit !== undefined) return hit;
  let found: SharedRange | null = null;
  for (const { cidr, range } of c.ranges) {
    if (cidrContains(cidr, address)) {
      found = range;
      break;
    }
  }
  if (c.byIp.size < 200_000) c.byIp.set(key, found);
  return found;
}

/** Weak device key of an event: authenticator model and browser. */
export function weakKeyOf(aaguid: string | null, userAgent: string): string | null {
  return aaguid === null ? null : `${aaguid.toLowerCase()}|${userAgent}`;
}

export function featuresOf(e: SignatureEvent, cfg: IntegrityConfig): EventFeatures {
  let memo = featuresByConfig.get(cfg);
  if (!memo) {
    memo = new WeakMap();
    featuresByConfig.set(cfg, memo);
  }
  const hit = memo.get(e);
  if (hit) return hit;
  const t = e.signedAt.getTime();
  const address = parseIp(e.ip);
  const latest = Math.max(e.accountCreatedAt.getTime(), e.proofedAt.getTime(), e.passkeyCreatedAt.getTime());
  const f: EventFeatures = {
    t,
    ip: address ? formatIp(address) : null,
    network: address
      ? prefixKey(address, address.version === 4 ? cfg.network.ipv4PrefixLength : cfg.network.ipv6PrefixLength)
      : null,
    shared: address ? sharedRangeOf(address, cfg) : null,
    weakKey: weakKeyOf(e.aaguid, e.userAgent),
    region: e.regionKato && /^[0-9]{2}/.test(e.regionKato) ? e.regionKato.slice(0, 2) : null,
    accountAgeDays: (t - e.accountCreatedAt.getTime()) / DAY,
    freshnessHours: (t - latest) / HOUR,
  };
  memo.set(e, f);
  return f;
}
