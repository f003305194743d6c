import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SHARED_ADDRESS_SPACE,
  cidrContains,
  formatIp,
  formatIpv6,
  maskAddress,
  parseCidr,
  parseIp,
  parseIpv6,
  prefixKey,
  type IpAddress,
} from '../../app/domain/integrity';

const byte = fc.integer({ min: 0, max: 255 });
const v4Bytes = fc.array(byte, { minLength: 4, maxLength: 4 });
const v6Bytes = fc.array(byte, { minLength: 16, maxLength: 16 });
const isMapped = (b: readonly number[]) => b.slice(0, 10).every((x) => x === 0) && b[10] === 255 && b[11] === 255;

/** Random textual spellings of the same IPv6 address: zero padding, case, any zero run compressed, dotted tail. */
const spelling = (bytes: readonly number[]) =>
  fc.record({ pad: fc.boolean(), upper: fc.boolean(), compressPick: fc.nat(), dotted: fc.boolean() }).map(({ pad, upper, compressPick, dotted }) => {
    const groups: number[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
    let parts = groups.map((g) => (pad ? g.toString(16).padStart(4, '0') : g.toString(16)));
    if (upper) parts = parts.map((p) => p.toUpperCase());
    let tail: string[] = [];
    if (dotted) {
      tail = [bytes.slice(12).join('.')];
      parts = parts.slice(0, 6);
    }
    // Zero runs (in the hex part) that may be compressed.
    const runs: [number, number][] = [];
    for (let i = 0; i < parts.length; ) {
      if (groups[i] !== 0) {
        i++;
        continue;
      }
      let j = i;
      while (j < parts.length && groups[j] === 0) j++;
      runs.push([i, j]);
      i = j;
    }
    const all = [...parts, ...tail];
    if (runs.length === 0 || compressPick % (runs.length + 1) === runs.length) return all.join(':');
    const [a, b] = runs[compressPick % (runs.length + 1)] as [number, number];
    return `${all.slice(0, a).join(':')}::${all.slice(b).join(':')}`;
  });

describe('IP parsing: table', () => {
  const cases: [string, string | null][] = [
    ['95.56.12.7', '95.56.12.7'],
    [' 95.56.12.7 ', '95.56.12.7'],
    ['0.0.0.0', '0.0.0.0'],
    ['255.255.255.255', '255.255.255.255'],
    ['256.1.1.1', null],
    ['01.1.1.1', null],
    ['1.1.1', null],
    ['1.1.1.1.1', null],
    ['1..1.1', null],
    ['a.b.c.d', null],
    ['', null],
    ['::', '::'],
    ['::1', '::1'],
    ['2001:db8::1', '2001:db8::1'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0001:0000:0000:0001', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['2001:db8::1:0:0:1', '2001:db8::1:0:0:1'],
    ['::ffff:95.56.12.7', '95.56.12.7'],
    ['::FFFF:5f38:c07', '95.56.12.7'],
    ['0:0:0:0:0:ffff:95.56.12.7', '95.56.12.7'],
    ['64:ff9b::95.56.12.7', '64:ff9b::5f38:c07'],
    ['::95.56.12.7', '::5f38:c07'],
    ['1::2::3', null],
    ['1:2:3:4:5:6:7:8:9', null],
    ['1:2:3:4:5:6:7', null],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['12345::1', null],
    [':1::2', null],
    ['1::2:', null],
    ['fe80::1%eth0', null],
    ['[::1]', null],
    ['::ffff:256.1.1.1', null],
    ['1.2.3.4::', null],
    ['2001:db8::1.2.3', null],
  ];
  it.each(cases)('%j → %j', (text, expected) => {
    const a = parseIp(text);
    expect(a === null ? null : formatIp(a)).toBe(expected);
  });

  it('network keys: /24 and /48, v4-mapped addresses in the IPv4 network', () => {
    expect(prefixKey(parseIp('95.56.12.7') as IpAddress, 24)).toBe('95.56.12.0/24');
    expect(prefixKey(parseIp('::ffff:95.56.12.200') as IpAddress, 24)).toBe('95.56.12.0/24');
    expect(prefixKey(parseIp('2001:db8:1:2:3::9') as IpAddress, 48)).toBe('2001:db8:1::/48');
    expect(prefixKey(parseIp('2001:db8:1:ffff::') as IpAddress, 48)).toBe('2001:db8:1::/48');
    expect(prefixKey(parseIp('95.56.12.7') as IpAddress, 0)).toBe('0.0.0.0/0');
    expect(() => maskAddress(parseIp('1.2.3.4') as IpAddress, 33)).toThrow(RangeError);
  });

  it('ranges', () => {
    const r = parseCidr('100.64.0.0/10');
    expect(r).toEqual(SHARED_ADDRESS_SPACE);
    expect(cidrContains(SHARED_ADDRESS_SPACE, parseIp('100.127.255.255') as IpAddress)).toBe(true);
    expect(cidrContains(SHARED_ADDRESS_SPACE, parseIp('100.128.0.0') as IpAddress)).toBe(false);
    expect(cidrContains(SHARED_ADDRESS_SPACE, parseIp('100.63.255.255') as IpAddress)).toBe(false);
    expect(cidrContains(parseCidr('2.72.0.0/14')!, parseIp('::ffff:2.75.1.1') as IpAddress)).toBe(true);
    expect(cidrContains(parseCidr('2.72.0.0/14')!, parseIp('2.76.0.0') as IpAddress)).toBe(false);
    expect(parseCidr('::ffff:0:0/96')).toEqual({ address: { version: 4, bytes: [0, 0, 0, 0] }, length: 0 });
    expect(parseCidr('95.56.12.7/24')).toEqual({ address: { version: 4, bytes: [95, 56, 12, 0] }, length: 24 });
    expect(parseCidr('2001:db8::/129')).toBeNull();
    expect(parseCidr('1.2.3.4/33')).toBeNull();
    expect(parseCidr('1.2.3.4/024')).toBeNull();
    expect(parseCidr('1.2.3.4')).toBeNull();
    // Different versions never match.
    expect(cidrContains(parseCidr('::/0')!, parseIp('1.2.3.4') as IpAddress)).toBe(false);
  });
});

describe('IP parsing: properties', () => {
  it('IPv4: format then parse gives the same bytes', () => {
    fc.assert(
      fc.property(v4Bytes, (bytes) => {
        const a = parseIp(bytes.join('.'));
        expect(a).toEqual({ version: 4, bytes });
      }),
    );
  });

  it('IPv6: canonical text parses back; v4-mapped becomes IPv4', () => {
    fc.assert(
      fc.property(v6Bytes, (bytes) => {
        const text = formatIpv6(bytes);
        const a = parseIp(text);
        if (isMapped(bytes)) expect(a).toEqual({ version: 4, bytes: bytes.slice(12) });
        else expect(a).toEqual({ version: 6, bytes });
        expect(parseIpv6(text)).toEqual(bytes);
      }),
    );
  });

  it('IPv6: every spelling (padding, case, any zero run compressed, dotted tail) parses to the same address', () => {
    const zeroish = fc.array(fc.oneof(fc.constant(0), byte), { minLength: 16, maxLength: 16 });
    fc.assert(
      fc.property(
        zeroish.chain((bytes) => fc.tuple(fc.constant(bytes), spelling(bytes))),
        ([bytes, text]) => {
          expect(parseIpv6(text)).toEqual(bytes);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('canonical IPv6 text agrees with the WHATWG URL serializer (RFC 5952 compression)', () => {
    const zeroish = fc.array(fc.oneof(fc.constant(0), fc.constant(0), byte), { minLength: 16, maxLength: 16 });
    fc.assert(
      fc.property(zeroish, (bytes) => {
        const text = formatIpv6(bytes);
        expect(new URL(`http://[${text}]/`).hostname).toBe(`[${text}]`);
        expect(text).toBe(text.toLowerCase());
        expect(text).not.toMatch(/(^|:)0[0-9a-f]/);
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with node:net on validity (zone ids aside) and never throws', () => {
    const alphabet = fc.constantFrom(...'0123456789abcdefABCDEF:.'.split(''));
    const candidate = fc.oneof(
      fc.array(alphabet, { maxLength: 45 }).map((cs) => cs.join('')),
      v6Bytes.chain((b) => spelling(b)),
      v4Bytes.map((b) => b.join('.')),
    );
    fc.assert(
      fc.property(candidate, (text) => {
        const ours = parseIp(text) !== null;
        expect(ours).toBe(isIP(text) !== 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('an address lies in its own prefix, for every prefix length', () => {
    fc.assert(
      fc.property(v6Bytes, fc.integer({ min: 0, max: 128 }), (bytes, len) => {
        const a = parseIp(formatIpv6(bytes)) as IpAddress;
        const l = a.version === 4 ? Math.min(len, 32) : len;
        const range = parseCidr(prefixKey(a, l));
        expect(range).not.toBeNull();
        expect(cidrContains(range!, a)).toBe(true);
        expect(maskAddress(maskAddress(a, l), l)).toEqual(maskAddress(a, l));
      }),
    );
  });
});
