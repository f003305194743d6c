import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  mapClaims,
  mergeClaims,
  missingFields,
  readClaim,
  STANDARD_CLAIM_NAMES,
  type OidcClaimNames,
} from '../../app/domain/identity/oidc-claims';

const full = {
  sub: 'abc',
  iin: '900517400017',
  given_name: 'Айгерим',
  family_name: 'Сапарова',
  birthdate: '1990-05-17',
  residence_kato: '711110000',
  email: 'a@example.kz',
  email_verified: true,
};

describe('mapClaims', () => {
  const cases: { name: string; claims: Record<string, unknown>; expected: ReturnType<typeof mapClaims> }[] = [
    {
      name: 'all claims',
      claims: full,
      expected: {
        kind: 'ok',
        identity: { iin: '900517400017', givenName: 'Айгерим', familyName: 'Сапарова', birthDate: '1990-05-17', residenceKato: '711110000', email: 'a@example.kz' },
      },
    },
    {
      name: 'no birth date, no email',
      claims: { iin: '900517400017', given_name: 'A', family_name: 'B', residence_kato: '711110000' },
      expected: { kind: 'ok', identity: { iin: '900517400017', givenName: 'A', familyName: 'B', residenceKato: '711110000' } },
    },
    {
      name: 'values are trimmed',
      claims: { iin: ' 900517400017 ', given_name: ' A ', family_name: 'B\n', residence_kato: '711110000 ' },
      expected: { kind: 'ok', identity: { iin: '900517400017', givenName: 'A', familyName: 'B', residenceKato: '711110000' } },
    },
    { name: 'no IIN', claims: { ...full, iin: undefined }, expected: { kind: 'refused', reason: 'missing-iin', fields: ['iin'] } },
    { name: 'blank IIN', claims: { ...full, iin: '   ' }, expected: { kind: 'refused', reason: 'missing-iin', fields: ['iin'] } },
    { name: 'null IIN', claims: { ...full, iin: null }, expected: { kind: 'refused', reason: 'missing-iin', fields: ['iin'] } },
    {
      name: 'no IIN and no name: the IIN is named first',
      claims: { residence_kato: '711110000' },
      expected: { kind: 'refused', reason: 'missing-iin', fields: ['iin', 'givenName', 'familyName'] },
    },
    {
      name: 'no residence',
      claims: { ...full, residence_kato: undefined },
      expected: { kind: 'refused', reason: 'missing-details', fields: ['residenceKato'] },
    },
    {
      name: 'an IIN sent as a number (leading zeros lost) is malformed',
      claims: { ...full, iin: 900517400017 },
      expected: { kind: 'refused', reason: 'malformed-claims', fields: ['iin'] },
    },
    {
      name: 'a birth date that is not a string is malformed',
      claims: { ...full, birthdate: { year: 1990 } },
      expected: { kind: 'refused', reason: 'malformed-claims', fields: ['birthDate'] },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(mapClaims(c.claims, STANDARD_CLAIM_NAMES)).toEqual(c.expected);
    });
  }

  it('keeps the email only when the provider says it is verified and it is well formed', () => {
    const email = (claims: Record<string, unknown>) => {
      const r = mapClaims(claims, STANDARD_CLAIM_NAMES);
      return r.kind === 'ok' ? r.identity.email : 'refused';
    };
    expect(email(full)).toBe('a@example.kz');
    expect(email({ ...full, email_verified: false })).toBeUndefined();
    expect(email({ ...full, email_verified: 'true' })).toBeUndefined();
    expect(email({ ...full, email_verified: undefined })).toBeUndefined();
    expect(email({ ...full, email: 'not an address' })).toBeUndefined();
    expect(email({ ...full, email: undefined })).toBeUndefined();
  });

  it('reads configured claim names, including nested paths', () => {
    const names: OidcClaimNames = {
      iin: 'urn:kz:iin',
      givenName: 'name.first',
      familyName: 'name.last',
      birthDate: 'dob',
      residenceKato: 'address.kato',
      email: 'mail',
    };
    const claims = {
      'urn:kz:iin': '900517400017',
      name: { first: 'Айгерим', last: 'Сапарова' },
      dob: '1990-05-17',
      address: { kato: '711110000', street: 'x' },
    };
    expect(mapClaims(claims, names)).toEqual({
      kind: 'ok',
      identity: { iin: '900517400017', givenName: 'Айгерим', familyName: 'Сапарова', birthDate: '1990-05-17', residenceKato: '711110000' },
    });
    // With the standard names, the same claims lack the IIN.
    expect(mapClaims(claims, STANDARD_CLAIM_NAMES)).toMatchObject({ kind: 'refused', reason: 'missing-iin' });
  });
});

describe('readClaim', () => {
  it('prefers an exact key to a path', () => {
    expect(readClaim({ 'a.b': 1, a: { b: 2 } }, 'a.b')).toBe(1);
    expect(readClaim({ a: { b: 2 } }, 'a.b')).toBe(2);
    expect(readClaim({ a: [{ b: 2 }] }, 'a.0.b')).toBeUndefined();
    expect(readClaim({ a: 'x' }, 'a.length')).toBeUndefined();
    expect(readClaim({}, 'constructor')).toBeUndefined();
    expect(readClaim({}, 'toString')).toBeUndefined();
  });

  it('finds any value at any path of plain keys (property)', () => {
    const key = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/);
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 5 }), fc.jsonValue(), (path, value) => {
        const claims = path.reduceRight<unknown>((inner, k) => ({ [k]: inner }), value) as Record<string, unknown>;
        expect(readClaim(claims, path.join('.'))).toEqual(value);
      }),
    );
  });
});

describe('mergeClaims', () => {
  it('userinfo fills what the ID token lacks, never overrides it', () => {
    expect(mergeClaims({ sub: 's', iin: '1' }, { sub: 's', iin: '2', given_name: 'A' })).toEqual({ sub: 's', iin: '1', given_name: 'A' });
    expect(mergeClaims({ sub: 's', iin: '' }, { sub: 's', iin: '2' })).toEqual({ sub: 's', iin: '2' });
  });

  it('ignores userinfo about another subject, or when the ID token has no subject', () => {
    expect(mergeClaims({ sub: 's' }, { sub: 't', iin: '2' })).toEqual({ sub: 's' });
    expect(mergeClaims({}, { iin: '2' })).toEqual({});
    expect(mergeClaims({ sub: 's' }, undefined)).toEqual({ sub: 's' });
  });

  it('keeps every present ID token claim (property)', () => {
    const claims = fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.oneof(fc.string(), fc.integer(), fc.constant(null)));
    fc.assert(
      fc.property(claims, claims, fc.string({ minLength: 1 }), (id, info, sub) => {
        const merged = mergeClaims({ ...id, sub }, { ...info, sub });
        for (const [k, v] of Object.entries({ ...id, sub })) if (v !== null && v !== '' && !(typeof v === 'string' && v.trim() === '')) expect(merged[k]).toEqual(v);
        for (const k of Object.keys(info)) expect(k in merged).toBe(true);
      }),
    );
  });
});

describe('missingFields and mapClaims agree (property)', () => {
  it('mapClaims is ok exactly when no required claim is missing and all are strings', () => {
    const value = fc.oneof(fc.constant(undefined), fc.constant(null), fc.constant(''), fc.constant('  '), fc.string({ minLength: 1 }), fc.integer());
    fc.assert(
      fc.property(value, value, value, value, (iin, given, family, kato) => {
        const claims = { iin, given_name: given, family_name: family, residence_kato: kato };
        const missing = missingFields(claims, STANDARD_CLAIM_NAMES);
        const result = mapClaims(claims, STANDARD_CLAIM_NAMES);
        if (missing.length > 0) {
          expect(result).toMatchObject({ kind: 'refused', reason: missing.includes('iin') ? 'missing-iin' : 'missing-details', fields: missing });
        } else if ([iin, given, family, kato].every((v) => typeof v === 'string')) {
          expect(result.kind).toBe('ok');
          if (result.kind === 'ok') expect(result.identity.iin).toBe((iin as string).trim());
        } else {
          expect(result).toMatchObject({ kind: 'refused', reason: 'malformed-claims' });
        }
      }),
    );
  });
});
