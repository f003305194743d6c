import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDateIn, formatDayIn, formatNumberIn, formatTimeIn, kzDate, type FormatLocale } from '../../app/ui/formatters';

// Node's full ICU is the reference: the deterministic formatters must give exactly its (CLDR) forms.
const TAG: Record<FormatLocale, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };
const LOCALES: FormatLocale[] = ['kk', 'ru', 'en'];

describe('deterministic formatting (same on the server and in every browser)', () => {
  it.each([
    ['kk', 50_000, '50\u00a0000'],
    ['ru', 1_234_567, '1\u00a0234\u00a0567'],
    ['en', 1_234_567, '1,234,567'],
    ['en', 999, '999'],
    ['ru', 0, '0'],
  ] as const)('%s %d -> %s', (locale, n, expected) => {
    expect(formatNumberIn(locale, n)).toBe(expected);
  });

  it('matches Intl for whole numbers (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LOCALES), fc.integer({ min: 0, max: 2_000_000_000 }), (locale, n) => {
        expect(formatNumberIn(locale, n)).toBe(new Intl.NumberFormat(TAG[locale]).format(n));
      }),
    );
  });

  it('matches Intl for percentages with one decimal (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LOCALES), fc.integer({ min: 0, max: 100_000 }), (locale, tenths) => {
        const v = tenths / 1000; // 0..100 with up to 3 decimals, rounded to 1
        expect(formatNumberIn(locale, v, 1)).toBe(new Intl.NumberFormat(TAG[locale], { maximumFractionDigits: 1 }).format(v));
      }),
    );
  });

  it.each([
    ['kk', '2026-08-14', '2026 ж. 14 тамыз'],
    ['ru', '2026-08-14', '14 августа 2026 г.'],
    ['en', '2026-08-14', '14 August 2026'],
    ['kk', '2027-01-01', '2027 ж. 1 қаңтар'],
  ] as const)('%s %s -> %s', (locale, date, expected) => {
    expect(formatDayIn(locale, date)).toBe(expected);
  });

  it('matches Intl for dates and times in Kazakhstan time since March 2024 (property)', () => {
    const from = Date.UTC(2024, 2, 1);
    const to = Date.UTC(2030, 0, 1);
    fc.assert(
      fc.property(fc.constantFrom(...LOCALES), fc.integer({ min: from, max: to }), (locale, ms) => {
        const at = new Date(ms);
        expect(formatDateIn(locale, at)).toBe(new Intl.DateTimeFormat(TAG[locale], { dateStyle: 'long', timeZone: 'Asia/Almaty' }).format(at));
        expect(formatTimeIn(at)).toBe(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Almaty' }).format(at));
      }),
      { numRuns: 300 },
    );
  });

  it('takes the date of an instant in UTC+5', () => {
    expect(kzDate(new Date('2026-08-14T18:59:59Z'))).toBe('2026-08-14');
    expect(kzDate(new Date('2026-08-14T19:00:00Z'))).toBe('2026-08-15');
  });
});
