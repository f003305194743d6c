import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import vectors from '../../db/seed/data/kz_iin_bin_test_vectors.json';
import { anniversary, checkIin, iinCheckDigit, isAdultOn, normaliseIin } from '../../app/domain/identity/iin';

describe('IIN validation', () => {
  it('accepts every published IIN vector with its birth date and sex', () => {
    const iins = vectors.vectors.filter((x) => x.kind === 'IIN' && x.value !== null && 'parsed' in x);
    expect(iins.length).toBeGreaterThanOrEqual(7);
    for (const v of iins) {
      const parsed = (v as unknown as { parsed: { birth_date: string; sex: string; serial: string } }).parsed;
      expect(checkIin(v.value!), v.value!).toEqual({
        kind: 'valid',
        info: { birthDate: parsed.birth_date, sex: parsed.sex, serial: parsed.serial },
      });
    }
  });

  it('agrees with the single-digit mutation vectors', () => {
    for (const m of vectors.single_digit_mutations) {
      expect(checkIin(m.value).kind, m.value).toBe(m.valid ? 'valid' : 'invalid');
    }
    for (const [label, valid] of Object.entries(vectors.third_party_examples_checksum)) {
      expect(checkIin(label.slice(0, 12)).kind).toBe(valid ? 'valid' : 'invalid');
    }
  });

  it('names the reason of a refusal', () => {
    expect(checkIin('12345')).toEqual({ kind: 'invalid', reason: 'format' });
    expect(checkIin('90010130001a')).toEqual({ kind: 'invalid', reason: 'format' });
    expect(checkIin('900101700017')).toEqual({ kind: 'invalid', reason: 'century' });
    expect(checkIin('900101000017')).toEqual({ kind: 'invalid', reason: 'century' });
    expect(checkIin('990229300017')).toEqual({ kind: 'invalid', reason: 'date' }); // 1999 is not a leap year
    expect(checkIin('900101300018')).toEqual({ kind: 'invalid', reason: 'checksum' });
  });

  it('refuses the prefix for which no check digit exists', () => {
    const never = vectors.vectors.find((x) => x.value === null && 'first11' in x) as unknown as { first11: string };
    expect(iinCheckDigit([...never.first11].map(Number))).toBeNull();
    for (let d = 0; d <= 9; d++) expect(checkIin(`${never.first11}${d}`).kind).toBe('invalid');
  });

  it('uses the second weight sequence when the first gives 10', () => {
    const digits = [...'90010130081'].map(Number);
    expect(digits.reduce((s, d, i) => s + d * (i + 1), 0) % 11).toBe(10);
    expect(iinCheckDigit(digits)).toBe(1);
  });

  const dateArb = fc
    .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const iinArb = fc
    .tuple(dateArb, fc.constantFrom<'M' | 'F'>('M', 'F'), fc.integer({ min: 0, max: 9999 }))
    .map(([date, sex, serial]) => {
      const [y, m, d] = date.split('-');
      const centuryIndex = Number(y!.slice(0, 2)) - 18;
      const c = centuryIndex * 2 + (sex === 'M' ? 1 : 2);
      const first11 = `${y!.slice(2)}${m}${d}${c}${String(serial).padStart(4, '0')}`;
      const check = iinCheckDigit([...first11].map(Number));
      return { date, sex, value: check === null ? null : `${first11}${check}` };
    });

  it('property: every well-formed number with its check digit is valid and decodes back', () => {
    fc.assert(
      fc.property(iinArb, ({ date, sex, value }) => {
        if (value === null) return; // no check digit can be issued for this prefix
        expect(checkIin(value)).toMatchObject({ kind: 'valid', info: { birthDate: date, sex } });
      }),
    );
  });

  it('property: changing the check digit of a valid IIN makes it invalid', () => {
    fc.assert(
      fc.property(iinArb, fc.integer({ min: 1, max: 9 }), ({ value }, delta) => {
        if (value === null) return;
        const wrong = `${value.slice(0, 11)}${(Number(value[11]) + delta) % 10}`;
        expect(checkIin(wrong)).toEqual({ kind: 'invalid', reason: 'checksum' });
      }),
    );
  });

  it('property: never throws, and anything that is not 12 digits is a format error', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = checkIin(s);
        if (!/^[0-9]{12}$/.test(s)) expect(r).toEqual({ kind: 'invalid', reason: 'format' });
      }),
    );
  });

  it('normalises spaces and dashes', () => {
    expect(normaliseIin(' 900101 300-017 ')).toBe('900101300017');
  });
});

describe('age', () => {
  it('is adult from the 18th birthday on', () => {
    expect(isAdultOn('2008-11-22', '2026-11-21')).toBe(false);
    expect(isAdultOn('2008-11-22', '2026-11-22')).toBe(true);
    expect(anniversary('2008-02-29', 18)).toBe('2026-03-01');
    expect(isAdultOn('2008-02-29', '2026-02-28')).toBe(false);
    expect(isAdultOn('2008-02-29', '2026-03-01')).toBe(true);
  });
});
