import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weakEtag } from '../../app/domain/opendata/etag.server';
import {
  CACHE_CONTROL,
  acceptQuality,
  apiLocale,
  ifNoneMatchMatches,
  linkHeader,
  methodNotAllowed,
  negotiateFormat,
  pageLinks,
  preflight,
  problem,
  problemReply,
  representation,
  validatorOf,
} from '../../app/domain/opendata/http';
import { PARAM_ERROR_CODES } from '../../app/domain/opendata/params';
import { opendata } from '../../app/i18n/areas/opendata';

describe('content negotiation', () => {
  it.each<[string | null, 'json' | 'csv']>([
    [null, 'json'],
    ['*/*', 'json'],
    ['application/json', 'json'],
    ['text/csv', 'csv'],
    ['text/*', 'csv'],
    ['text/csv;q=0.5, application/json', 'json'],
    ['application/json;q=0.2, text/csv', 'csv'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'json'],
    ['text/csv;q=0.9, */*;q=0.1', 'csv'],
    ['text/csv;q=0, */*', 'json'],
    ['garbage', 'json'],
  ])('Accept %j -> %s', (accept, expected) => {
    expect(negotiateFormat(null, accept)).toBe(expected);
  });
  it('lets format in the URL win', () => {
    expect(negotiateFormat('json', 'text/csv')).toBe('json');
    expect(negotiateFormat('csv', 'application/json')).toBe('csv');
  });
  it('uses the most specific range', () => {
    expect(acceptQuality('text/*;q=0.3, text/csv;q=0.7, */*;q=0.1', 'text/csv')).toBe(0.7);
    expect(acceptQuality('text/*;q=0.3, */*;q=0.1', 'text/csv')).toBe(0.3);
    expect(acceptQuality('text/html', 'application/json')).toBe(0);
  });
});

describe('apiLocale', () => {
  it.each<[string | null, string | null, string]>([
    ['ru', 'en', 'ru'],
    [null, 'en-GB,en;q=0.9', 'en'],
    [null, 'ru-RU,ru;q=0.9,en;q=0.5', 'ru'],
    [null, 'kk-KZ', 'kk'],
    [null, 'de', 'kk'],
    [null, null, 'kk'],
    ['de', 'ru', 'ru'],
  ])('lng %j, Accept-Language %j -> %s', (lng, accept, expected) => {
    expect(apiLocale(lng, accept)).toBe(expected);
  });
});

describe('entity tags and conditional requests', () => {
  const etag = weakEtag('x');
  it('is weak, quoted and depends on the validator only', () => {
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]{22}"$/);
    expect(weakEtag('x')).toBe(etag);
    expect(weakEtag('y')).not.toBe(etag);
  });
  it.each<[string | null, boolean]>([
    [null, false],
    ['', false],
    ['*', true],
    [etag, true],
    [etag.slice(2), true], // strong form of the same opaque tag: weak comparison matches
    [`W/"other", ${etag}`, true],
    ['W/"other"', false],
    ['not-a-tag', false],
  ])('If-None-Match %j -> %s', (header, expected) => {
    expect(ifNoneMatchMatches(header, etag)).toBe(expected);
  });
  it('ignores the counted_at stamps, nothing else', () => {
    const a = { data: [{ signatures: { valid: 3, counted_at: '2026-01-01T00:00:00Z' } }] };
    const b = { data: [{ signatures: { valid: 3, counted_at: '2026-01-01T00:00:05Z' } }] };
    const c = { data: [{ signatures: { valid: 4, counted_at: '2026-01-01T00:00:05Z' } }] };
    expect(validatorOf(a, 'json')).toBe(validatorOf(b, 'json'));
    expect(validatorOf(a, 'json')).not.toBe(validatorOf(c, 'json'));
    expect(validatorOf(a, 'json')).not.toBe(validatorOf(a, 'csv'));
  });
  it('answers 304 without a body but with the caching headers', () => {
    const fresh = representation({ body: '{}', contentType: 'application/json', etag, ifNoneMatch: null, headers: { 'Content-Disposition': 'attachment' } });
    expect(fresh.status).toBe(200);
    expect(fresh.headers).toMatchObject({ ETag: etag, 'Cache-Control': CACHE_CONTROL, Vary: 'Accept, Accept-Language', 'Access-Control-Allow-Origin': '*' });
    const cached = representation({ body: '{}', contentType: 'application/json', etag, ifNoneMatch: etag, headers: { 'Content-Disposition': 'attachment' } });
    expect(cached).toMatchObject({ status: 304, body: null, headers: { ETag: etag, 'Cache-Control': CACHE_CONTROL } });
    expect(cached.headers['Content-Type']).toBeUndefined();
  });
  it('answers a CORS preflight', () => {
    expect(preflight()).toMatchObject({ status: 204, headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': expect.stringContaining('If-None-Match') as never } });
  });
});

describe('pagination links', () => {
  const origin = 'https://dauys.kz';
  const search = new URLSearchParams('status=open&q=жол&page=2&per_page=10');
  it('keeps the other parameters and replaces page', () => {
    const links = pageLinks(origin, '/api/v1/petitions', search, { page: 2, perPage: 10, total: 35 });
    const page = (u: string | null) => (u ? new URL(u).searchParams.get('page') : null);
    expect([page(links.first), page(links.prev), page(links.self), page(links.next), page(links.last)]).toEqual(['1', '1', '2', '3', '4']);
    expect(new URL(links.next!).searchParams.get('q')).toBe('жол');
    expect(links.next!.startsWith('https://dauys.kz/api/v1/petitions?')).toBe(true);
    expect(linkHeader(links)).toBe(`<${links.first}>; rel="first", <${links.prev}>; rel="prev", <${links.next}>; rel="next", <${links.last}>; rel="last"`);
  });
  it.each<[number, number, number, string[]]>([
    [1, 10, 0, ['first', 'last']],
    [1, 10, 10, ['first', 'last']],
    [1, 10, 11, ['first', 'next', 'last']],
    [3, 10, 30, ['first', 'prev', 'last']],
    [9, 10, 30, ['first', 'prev', 'last']],
  ])('page %i of per_page %i and total %i has %j', (page, perPage, total, rels) => {
    const header = linkHeader(pageLinks(origin, '/p', new URLSearchParams(), { page, perPage, total }));
    expect([...header.matchAll(/rel="(\w+)"/g)].map((m) => m[1])).toEqual(rels);
  });
  it('never points past the last page or before the first', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 100 }), fc.nat(20_000), (page, perPage, total) => {
        const links = pageLinks(origin, '/p', new URLSearchParams(), { page, perPage, total });
        const last = Math.max(1, Math.ceil(total / perPage));
        for (const u of [links.first, links.last, links.prev, links.next]) {
          if (u === null) continue;
          const n = Number(new URL(u).searchParams.get('page'));
          expect(n).toBeGreaterThanOrEqual(1);
          expect(n).toBeLessThanOrEqual(last);
        }
        expect(links.next === null).toBe(page >= last);
      }),
    );
  });
});

describe('problems', () => {
  it('are localized and carry each parameter error', () => {
    for (const locale of ['kk', 'ru', 'en'] as const) {
      const p = problem('invalidParameters', locale, 'https://dauys.kz/', {
        instance: '/api/v1/petitions',
        errors: [{ parameter: 'per_page', code: 'out-of-range', params: { min: 1, max: 100 } }],
      });
      expect(p).toMatchObject({ type: 'https://dauys.kz/api/v1/openapi.json#/components/responses/BadRequest', status: 400, title: opendata[locale].problem.invalidParameters.title });
      expect(p.errors).toEqual([{ parameter: 'per_page', code: 'out-of-range', message: expect.stringContaining('100') as never }]);
      const reply = problemReply(p, locale);
      expect(reply.headers).toMatchObject({ 'Content-Type': 'application/problem+json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Language': locale });
    }
  });
  it('405 names the allowed methods', () => {
    expect(methodNotAllowed('en', 'https://dauys.kz')).toMatchObject({ status: 405, headers: { Allow: 'GET, HEAD, OPTIONS' } });
  });
  it('has a message for every error code in every language, with no placeholder left', () => {
    for (const locale of ['kk', 'ru', 'en'] as const)
      for (const code of PARAM_ERROR_CODES) {
        const p = problem('invalidParameters', locale, 'https://x', { errors: [{ parameter: 'p', code, params: { min: 1, max: 2, allowed: 'a, b' } }] });
        expect(p.errors[0]!.message, `${locale}:${code}`).not.toMatch(/\{\{|^$/);
      }
  });
});
