import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PER_PAGE,
  LIST_PARAMS,
  PUBLIC_STATES,
  expandStatus,
  parseDetailParams,
  parseInstant,
  parseListParams,
  parsePetitionRef,
  type ParamError,
  type PetitionListQuery,
} from '../../app/domain/opendata/params';

const parse = (qs: string) => parseListParams(new URLSearchParams(qs));
const ok = (qs: string): PetitionListQuery => {
  const r = parse(qs);
  if (r.kind !== 'ok') throw new Error(`expected ok for ${qs}: ${JSON.stringify(r.errors)}`);
  return r.value;
};
const errs = (qs: string): ParamError[] => {
  const r = parse(qs);
  if (r.kind !== 'invalid') throw new Error(`expected errors for ${qs}`);
  return r.errors;
};

describe('parseListParams', () => {
  it('has defaults', () => {
    expect(ok('')).toEqual({
      states: [],
      level: null,
      region: null,
      addressee: null,
      q: null,
      openedAfter: null,
      openedBefore: null,
      sort: 'newest',
      page: 1,
      perPage: DEFAULT_PER_PAGE,
      format: null,
    });
  });

  it.each<[string, Partial<PetitionListQuery>]>([
    ['status=open', { states: ['open'] }],
    ['status=closed', { states: ['closed-reached', 'closed-expired', 'under-consideration'] }],
    ['status=answered,rejected', { states: ['answered', 'rejected'] }],
    ['status=closed-expired,closed', { states: ['closed-reached', 'closed-expired', 'under-consideration'] }],
    ['status=under-consideration', { states: ['under-consideration'] }],
    ['status=', { states: [] }],
    ['level=national', { level: 'national' }],
    ['level=district', { level: 'district' }],
    ['region=750000000', { region: '750000000' }],
    ['addressee=akimat', { addressee: { kind: 'akimat' } }],
    ['addressee=government', { addressee: { kind: 'government' } }],
    ['addressee=mz', { addressee: { code: 'MZ' } }],
    ['q=%20%20жол%20%20жөндеу%20', { q: 'жол жөндеу' }],
    ['sort=signatures', { sort: 'signatures' }],
    ['sort=closing', { sort: 'closing' }],
    ['page=3&per_page=100', { page: 3, perPage: 100 }],
    ['page=007', { page: 7 }],
    ['format=csv', { format: 'csv' }],
    ['lng=ru', {}],
    ['opened_after=2026-01-01', { openedAfter: new Date('2025-12-31T19:00:00Z') }],
    ['opened_before=2026-02-01T00:00:00Z', { openedBefore: new Date('2026-02-01T00:00:00Z') }],
    ['opened_after=2026-01-01T10:00:00%2B05:00', { openedAfter: new Date('2026-01-01T05:00:00Z') }],
    // An unencoded '+' arrives as a space.
    ['opened_after=2026-01-01T10:00:00+05:00', { openedAfter: new Date('2026-01-01T05:00:00Z') }],
    ['opened_after=2026-01-01&opened_before=2026-02-01', { openedAfter: new Date('2025-12-31T19:00:00Z'), openedBefore: new Date('2026-01-31T19:00:00Z') }],
  ])('%s', (qs, expected) => {
    expect(ok(qs)).toMatchObject(expected);
  });

  it.each<[string, ParamError[]]>([
    ['foo=1', [{ parameter: 'foo', code: 'unknown-parameter' }]],
    ['per-page=10', [{ parameter: 'per-page', code: 'unknown-parameter' }]],
    ['page=1&page=2', [{ parameter: 'page', code: 'repeated-parameter' }]],
    ['status=draft', [{ parameter: 'status', code: 'not-allowed', params: expect.anything() as never }]],
    ['status=collecting', [{ parameter: 'status', code: 'not-allowed', params: expect.anything() as never }]],
    ['status=moderation', [{ parameter: 'status', code: 'not-allowed', params: expect.anything() as never }]],
    ['status=withdrawn', [{ parameter: 'status', code: 'not-allowed', params: expect.anything() as never }]],
    ['status=open,draft', [{ parameter: 'status', code: 'not-allowed', params: expect.anything() as never }]],
    ['level=city', [{ parameter: 'level', code: 'not-allowed', params: { allowed: 'national, region, district' } }]],
    ['region=75', [{ parameter: 'region', code: 'invalid-kato' }]],
    ['region=75000000x', [{ parameter: 'region', code: 'invalid-kato' }]],
    ['addressee=%25%25', [{ parameter: 'addressee', code: 'unknown-addressee' }]],
    ['q=ab', [{ parameter: 'q', code: 'invalid-length', params: { min: 3, max: 200 } }]],
    [`q=${'я'.repeat(201)}`, [{ parameter: 'q', code: 'invalid-length', params: { min: 3, max: 200 } }]],
    ['sort=oldest', [{ parameter: 'sort', code: 'not-allowed', params: { allowed: 'newest, signatures, closing' } }]],
    ['page=0', [{ parameter: 'page', code: 'out-of-range', params: { min: 1, max: 100000 } }]],
    ['page=-1', [{ parameter: 'page', code: 'out-of-range', params: { min: 1, max: 100000 } }]],
    ['page=1.5', [{ parameter: 'page', code: 'not-an-integer' }]],
    ['page=two', [{ parameter: 'page', code: 'not-an-integer' }]],
    ['per_page=101', [{ parameter: 'per_page', code: 'out-of-range', params: { min: 1, max: 100 } }]],
    ['per_page=99999999999', [{ parameter: 'per_page', code: 'out-of-range', params: { min: 1, max: 100 } }]],
    ['format=xml', [{ parameter: 'format', code: 'not-allowed', params: { allowed: 'json, csv' } }]],
    ['lng=de', [{ parameter: 'lng', code: 'not-allowed', params: { allowed: 'kk, ru, en' } }]],
    ['opened_after=2025-02-29', [{ parameter: 'opened_after', code: 'invalid-date' }]],
    ['opened_after=yesterday', [{ parameter: 'opened_after', code: 'invalid-date' }]],
    ['opened_after=2026-01-01T25:00:00Z', [{ parameter: 'opened_after', code: 'invalid-date' }]],
    ['opened_after=2026-01-01T10:00:00', [{ parameter: 'opened_after', code: 'invalid-date' }]],
    ['opened_after=2026-02-01&opened_before=2026-02-01', [{ parameter: 'opened_before', code: 'empty-range' }]],
    [
      'status=x&level=y&page=0&zzz=1',
      [
        { parameter: 'zzz', code: 'unknown-parameter' },
        { parameter: 'status', code: 'not-allowed', params: expect.anything() as never },
        { parameter: 'level', code: 'not-allowed', params: expect.anything() as never },
        { parameter: 'page', code: 'out-of-range', params: { min: 1, max: 100000 } },
      ],
    ],
  ])('%s is refused', (qs, expected) => {
    expect(errs(qs)).toEqual(expected);
  });

  it('never lets a non-public state through, whatever status says', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('open', 'closed', 'answered', 'rejected', 'draft', 'collecting', 'moderation', 'withdrawn', 'closed-reached', 'x', ' '), { maxLength: 6 }), (items) => {
        const r = parseListParams([['status', items.join(',')]]);
        if (r.kind === 'ok') for (const s of r.value.states) expect(PUBLIC_STATES).toContain(s);
      }),
    );
  });

  it('answers every input with a query or errors naming known codes, never a throw', () => {
    const name = fc.oneof(fc.constantFrom(...LIST_PARAMS), fc.string({ maxLength: 8 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(name, fc.string({ maxLength: 30 })), { maxLength: 8 }), (pairs) => {
        const r = parseListParams(pairs);
        if (r.kind === 'invalid') {
          expect(r.errors.length).toBeGreaterThan(0);
          for (const e of r.errors) expect(typeof e.parameter).toBe('string');
        } else {
          expect(r.value.page).toBeGreaterThanOrEqual(1);
          expect(r.value.perPage).toBeLessThanOrEqual(100);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('accepts every valid page and per_page, written with or without leading zeros', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 100 }), fc.nat(3), (page, per, zeros) => {
        const r = parseListParams([
          ['page', `${'0'.repeat(zeros)}${page}`],
          ['per_page', String(per)],
        ]);
        expect(r).toMatchObject({ kind: 'ok', value: { page, perPage: per } });
      }),
    );
  });
});

describe('expandStatus', () => {
  it('keeps the order of PUBLIC_STATES and reports unknown items', () => {
    expect(expandStatus('rejected, open ,,open')).toEqual({ states: ['open', 'rejected'], unknown: [] });
    expect(expandStatus('open,nope')).toEqual({ states: ['open'], unknown: ['nope'] });
  });
});

describe('parseInstant', () => {
  it('reads a date as the start of that day in Kazakhstan (UTC+5)', () => {
    expect(parseInstant('2026-03-15')?.toISOString()).toBe('2026-03-14T19:00:00.000Z');
  });
  it('reads RFC 3339 date-times with fractions, offsets and lower-case letters', () => {
    expect(parseInstant('2026-03-15T12:30:00.5Z')?.toISOString()).toBe('2026-03-15T12:30:00.500Z');
    expect(parseInstant('2026-03-15t12:30:00-03:00')?.toISOString()).toBe('2026-03-15T15:30:00.000Z');
    expect(parseInstant('2026-03-15T12:30:00z')?.toISOString()).toBe('2026-03-15T12:30:00.000Z');
  });
  it.each(['2026-13-01', '2026-03-15T12:30Z', '2026-03-15T12:30:61Z', '2026-03-15T12:30:00+24:00', '15.03.2026', ''])('refuses %j', (v) => {
    expect(parseInstant(v)).toBeNull();
  });
  it('round-trips any instant written as RFC 3339', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
        expect(parseInstant(d.toISOString())?.getTime()).toBe(d.getTime());
      }),
    );
  });
});

describe('parseDetailParams and parsePetitionRef', () => {
  it('accepts only lng', () => {
    expect(parseDetailParams(new URLSearchParams('lng=en')).kind).toBe('ok');
    expect(parseDetailParams(new URLSearchParams('format=csv'))).toEqual({ kind: 'invalid', errors: [{ parameter: 'format', code: 'unknown-parameter' }] });
  });
  it.each<[string | undefined, ReturnType<typeof parsePetitionRef>]>([
    ['0D6B1A52-3A43-4C55-9B3F-2F1B2C3D4E5F', { id: '0d6b1a52-3a43-4c55-9b3f-2f1b2c3d4e5f' }],
    ['123', { number: 123 }],
    ['0123', null],
    ['12a', null],
    ['', null],
    [undefined, null],
    ['1'.repeat(16), null],
  ])('%j -> %j', (raw, expected) => {
    expect(parsePetitionRef(raw)).toEqual(expected);
  });
});
