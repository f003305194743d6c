/**
 * IP address parsing and network keys for the integrity checks.
 *
 * Accepted text forms:
 * - IPv4 dotted quad, four decimal octets 0–255 without leading zeros ("010.1.1.1" is refused: it
 *   means octal to some parsers and decimal to others).
 * - IPv6 in full, compressed ("::" once, standing for one or more zero groups), with hex digits of
 *   either case, optionally ending in an embedded dotted quad ("::ffff:192.0.2.1", "64:ff9b::1.2.3.4").
 *   Zone ids ("fe80::1%eth0") and brackets are refused: they never appear in a client address.
 * - An IPv4-mapped IPv6 address (::ffff:0:0/96) is the IPv4 address it carries: a dual-stack server
 *   reports IPv4 clients that way, and both forms must land in the same network.
 *
 * Network keys: the IPv4 /24 and the IPv6 /48 (lengths configurable) in canonical text, e.g.
 * "95.56.12.0/24", "2001:db8:1::/48". IPv6 text is canonical per RFC 5952 (lowercase, no leading
 * zeros, the longest run of two or more zero groups compressed, the first one on a tie).
 */

export interface IpAddress {
  readonly version: 4 | 6;
  /** 4 bytes (IPv4) or 16 bytes (IPv6), network order. */
  readonly bytes: readonly number[];
}

export interface Cidr {
  readonly address: IpAddress;
  readonly length: number;
}

const OCTET = /^(0|[1-9][0-9]{0,2})$/;
const HEXTET = /^[0-9a-fA-F]{1,4}$/;

/** Four bytes of a dotted quad, or null. */
export function parseIpv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!OCTET.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

/** Sixteen bytes of an IPv6 text form (no v4-mapped conversion), or null. */
export function parseIpv6(text: string): number[] | null {
  if (text.length === 0 || text.length > 45) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const compressed = halves.length === 2;
  const head = splitGroups(halves[0] ?? '', !compressed);
  const tail = compressed ? splitGroups(halves[1] ?? '', true) : [];
  if (head === null || tail === null) return null;
  const total = head.length + tail.length;
  if (compressed ? total > 7 : total !== 8) return null;
  const groups = [...head, ...new Array<number>(8 - total).fill(0), ...tail];
  const bytes: number[] = [];
  for (const g of groups) bytes.push(g >> 8, g & 0xff);
  return bytes;
}

/**
 * 16-bit groups of one side of "::" ("" gives none). A dotted quad may end the address only
 * (`mayEndWithV4`): it counts as two groups.
 */
function splitGroups(part: string, mayEndWithV4: boolean): number[] | null {
  if (part === '') return [];
  const items = part.split(':');
  const out: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i] ?? '';
    if (i === items.length - 1 && mayEndWithV4 && item.includes('.')) {
      const v4 = parseIpv4(item);
      if (v4 === null) return null;
      out.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
    } else {
      if (!HEXTET.test(item)) return null;
      out.push(parseInt(item, 16));
    }
  }
  return out;
}

function isV4Mapped(bytes: readonly number[]): boolean {
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}

/** Parses an IPv4 or IPv6 address (surrounding whitespace ignored); v4-mapped IPv6 becomes IPv4. */
export function parseIp(text: string): IpAddress | null {
  const t = text.trim();
  if (t.includes(':')) {
    const bytes = parseIpv6(t);
    if (bytes === null) return null;
    if (isV4Mapped(bytes)) return { version: 4, bytes: bytes.slice(12) };
    return { version: 6, bytes };
  }
  const v4 = parseIpv4(t);
  return v4 === null ? null : { version: 4, bytes: v4 };
}

/** Canonical IPv6 text (RFC 5952) of 16 bytes. */
export function formatIpv6(bytes: readonly number[]): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestLen < 2) return hex.join(':');
  const left = hex.slice(0, bestStart).join(':');
  const right = hex.slice(bestStart + bestLen).join(':');
  return `${left}::${right}`;
}

/** Canonical text of an address. */
export function formatIp(address: IpAddress): string {
  return address.version === 4 ? address.bytes.join('.') : formatIpv6(address.bytes);
}

/** The address with every bit after the first `length` set to zero. */
export function maskAddress(address: IpAddress, length: number): IpAddress {
  const bits = address.version === 4 ? 32 : 128;
  if (!Number.isInteger(length) || length < 0 || length > bits) throw new RangeError(`prefix length ${length} out of range`);
  const bytes = address.bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, length - i * 8));
    return keep === 0 ? 0 : b & ((0xff << (8 - keep)) & 0xff);
  });
  return { version: address.version, bytes };
}

/** "a.b.c.0/24" / "2001:db8:1::/48": the network of `length` bits containing the address. */
export function prefixKey(address: IpAddress, length: number): string {
  return `${formatIp(maskAddress(address, length))}/${length}`;
}

/**
 * Parses "address/length". Host bits are cleared. An IPv4-mapped IPv6 range of length ≥ 96 is the
 * corresponding IPv4 range, like the addresses it contains.
 */
export function parseCidr(text: string): Cidr | null {
  const t = text.trim();
  const slash = t.indexOf('/');
  if (slash < 0) return null;
  const lenText = t.slice(slash + 1);
  if (!/^(0|[1-9][0-9]{0,2})$/.test(lenText)) return null;
  let length = Number(lenText);
  const addrText = t.slice(0, slash);
  let address: IpAddress;
  if (addrText.includes(':')) {
    const bytes = parseIpv6(addrText);
    if (bytes === null || length > 128) return null;
    if (isV4Mapped(bytes) && length >= 96) {
      address = { version: 4, bytes: bytes.slice(12) };
      length -= 96;
    } else {
      address = { version: 6, bytes };
    }
  } else {
    const bytes = parseIpv4(addrText);
    if (bytes === null || length > 32) return null;
    address = { version: 4, bytes };
  }
  return { address: maskAddress(address, length), length };
}

/** Whether the range contains the address (different IP versions never match). */
export function cidrContains(range: Cidr, address: IpAddress): boolean {
  if (range.address.version !== address.version) return false;
  const masked = maskAddress(address, range.length);
  return masked.bytes.every((b, i) => b === range.address.bytes[i]);
}

export function formatCidr(range: Cidr): string {
  return `${formatIp(range.address)}/${range.length}`;
}

/** The RFC 6598 shared address space used by carrier-grade NAT (100.64.0.0/10). */
export const SHARED_ADDRESS_SPACE: Cidr = { address: { version: 4, bytes: [100, 64, 0, 0] }, length: 10 };
