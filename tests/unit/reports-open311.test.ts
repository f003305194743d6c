import { describe, expect, it } from 'vitest';
import { endOfDayKz, isoKz, open311Locale, parseIsoDate, parseRequestsQuery, splitFormat, toXml, toXmlObject } from '../../app/domain/reports/open311';
import { open311Status, REPORT_STATUSES } from '../../app/domain/reports/states';

describe('Open311 pure helpers', () => {
  it('splits name and format', () => {
    expect(splitFormat('services.json')).toEqual({ name: 'services', format: 'json' });
    expect(splitFormat('R-2026-000042.xml')).toEqual({ name: 'R-2026-000042', format: 'xml' });
    expect(splitFormat('services.csv')).toBeNull();
    expect(splitFormat('services')).toBeNull();
    expect(splitFormat(undefined)).toBeNull();
  });

  it('writes instants in Kazakhstan time with the offset', () => {
    expect(isoKz(new Date('2026-11-22T19:30:05.123Z'))).toBe('2026-11-23T00:30:05+05:00');
    expect(endOfDayKz('2026-12-11')).toBe('2026-12-11T23:59:59+05:00');
  });

  it('reads ISO 8601 dates and date-times (a bare date is midnight in Kazakhstan)', () => {
    expect(parseIsoDate('2026-11-01')?.toISOString()).toBe('2026-10-31T19:00:00.000Z');
    expect(parseIsoDate('2026-11-01T10:00:00Z')?.toISOString()).toBe('2026-11-01T10:00:00.000Z');
    expect(parseIsoDate('2026-11-01T10:00:00+05:00')?.toISOString()).toBe('2026-11-01T05:00:00.000Z');
    expect(parseIsoDate('2026-11-01T10:00')).toBeNull(); // no zone
    expect(parseIsoDate('yesterday')).toBeNull();
    expect(parseIsoDate('2026-13-45')).toBeNull();
  });

  it('maps locales', () => {
    expect(open311Locale('ru_KZ')).toBe('ru');
    expect(open311Locale('kk-KZ')).toBe('kk');
    expect(open311Locale('EN')).toBe('en');
    expect(open311Locale('de')).toBeNull();
    expect(open311Locale(null)).toBeNull();
  });

  it('parses the request filters with the 90-day default window', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    const q = parseRequestsQuery(new URLSearchParams(), now);
    expect(q).toEqual({ kind: 'ok', query: { ids: null, serviceCode: null, start: new Date('2026-08-24T10:00:00Z'), end: now, status: null } });
    const ids = parseRequestsQuery(new URLSearchParams('service_request_id=R-2026-000001, R-2026-000002,&status=CLOSED&service_code=roads'), now);
    expect(ids).toMatchObject({ kind: 'ok', query: { ids: ['R-2026-000001', 'R-2026-000002'], status: 'closed', serviceCode: 'roads' } });
    expect(parseRequestsQuery(new URLSearchParams('status=pending'), now)).toEqual({ kind: 'bad-status' });
    expect(parseRequestsQuery(new URLSearchParams('start_date=nope'), now)).toEqual({ kind: 'bad-date' });
    expect(parseRequestsQuery(new URLSearchParams('start_date=2026-11-10T00:00:00Z&end_date=2026-11-01T00:00:00Z'), now)).toEqual({ kind: 'bad-date' });
  });

  it('serializes XML as the spec examples, escaping text', () => {
    expect(toXml('errors', 'error', [{ code: 403, description: 'Bad <key> & "quote"' }])).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>403</code><description>Bad &lt;key&gt; &amp; &quot;quote&quot;</description></error></errors>',
    );
    expect(toXml('service_requests', 'request', [{ service_request_id: 'R-1', lat: null }])).toContain('<request><service_request_id>R-1</service_request_id><lat/></request>');
    expect(toXmlObject('service_definition', { service_code: 'roads', attributes: [] })).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<service_definition><service_code>roads</service_code><attributes></attributes></service_definition>',
    );
    expect(toXml('r', 'i', [{ text: 'a\u0001b' }])).toContain('<text>ab</text>');
  });

  it('has two standard statuses: closed once the akimat answered, fixed or closed', () => {
    const closed = REPORT_STATUSES.filter((s) => open311Status(s) === 'closed');
    expect(closed.sort()).toEqual(['answered', 'closed', 'closed-confirmed', 'closed-unconfirmed', 'fixed', 'merged']);
  });
});
