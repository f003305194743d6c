import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PETITION_THRESHOLD_RULES,
  percentOf,
  requiredSignatures,
  thresholdReached,
  type ThresholdInput,
} from '../../app/domain/petitions/thresholds';

const pop = (count: number, asOf = '2025-01-01') => ({ count, asOf });

describe('requiredSignatures', () => {
  it.each<[string, ThresholdInput, number]>([
    // Central bodies: fixed, no population needed.
    ['Government', { addressee: 'government' }, 50_000],
    ['ministry (assumed = Government)', { addressee: 'ministry' }, 50_000],
    // Level 1: 1 % (akimat) and 2 % (maslikhat) of residents, rounded up.
    ['region akimat, 1 % of 1,000,000', { addressee: 'akimat', unitLevel: 1, population: pop(1_000_000) }, 10_000],
    ['region akimat, 1 % of 1,000,001 rounds up', { addressee: 'akimat', unitLevel: 1, population: pop(1_000_001) }, 10_001],
    ['region akimat, 1 % of Almaty 2,324,161', { addressee: 'akimat', unitLevel: 1, population: pop(2_324_161) }, 23_242],
    ['region maslikhat, 2 % of 1,000,000', { addressee: 'maslikhat', unitLevel: 1, population: pop(1_000_000) }, 20_000],
    ['region maslikhat, 2 % of 222,649 (Ulytau-sized)', { addressee: 'maslikhat', unitLevel: 1, population: pop(222_649) }, 4_453],
    ['region akimat, small figure', { addressee: 'akimat', unitLevel: 1, population: pop(1) }, 1],
    // Level 2 akimat: 5 % up to 50,000 residents, else 2,500.
    ['district akimat, 10,000 residents', { addressee: 'akimat', unitLevel: 2, population: pop(10_000) }, 500],
    ['district akimat, 10,001 residents rounds up', { addressee: 'akimat', unitLevel: 2, population: pop(10_001) }, 501],
    ['district akimat, 49,980 residents', { addressee: 'akimat', unitLevel: 2, population: pop(49_980) }, 2_499],
    ['district akimat, 49,999 residents', { addressee: 'akimat', unitLevel: 2, population: pop(49_999) }, 2_500],
    ['district akimat, exactly 50,000', { addressee: 'akimat', unitLevel: 2, population: pop(50_000) }, 2_500],
    ['district akimat, 50,001', { addressee: 'akimat', unitLevel: 2, population: pop(50_001) }, 2_500],
    ['district akimat, 300,000', { addressee: 'akimat', unitLevel: 2, population: pop(300_000) }, 2_500],
    // Level 2 maslikhat: 10 % up to 50,000 residents, else 5,000.
    ['district maslikhat, 10,000 residents', { addressee: 'maslikhat', unitLevel: 2, population: pop(10_000) }, 1_000],
    ['district maslikhat, 49,991 residents', { addressee: 'maslikhat', unitLevel: 2, population: pop(49_991) }, 5_000],
    ['district maslikhat, 49,989 residents', { addressee: 'maslikhat', unitLevel: 2, population: pop(49_989) }, 4_999],
    ['district maslikhat, exactly 50,000', { addressee: 'maslikhat', unitLevel: 2, population: pop(50_000) }, 5_000],
    ['district maslikhat, 50,001', { addressee: 'maslikhat', unitLevel: 2, population: pop(50_001) }, 5_000],
    ['district maslikhat, 1,000,000', { addressee: 'maslikhat', unitLevel: 2, population: pop(1_000_000) }, 5_000],
  ])('%s -> %i', (_name, input, want) => {
    const out = requiredSignatures(input);
    expect(out.kind).toBe('ok');
    if (out.kind === 'ok') expect(out.signatures).toBe(want);
  });

  it('reports the rule, formula, population used and verification', () => {
    expect(requiredSignatures({ addressee: 'akimat', unitLevel: 2, population: pop(20_000, '2025-07-01') })).toEqual({
      kind: 'ok',
      signatures: 1_000,
      ruleId: 'akimat-level-2',
      formula: { kind: 'percent', basisPoints: 500 },
      population: { count: 20_000, asOf: '2025-07-01' },
      verification: 'sourced-press',
    });
    expect(requiredSignatures({ addressee: 'akimat', unitLevel: 2, population: pop(80_000) })).toMatchObject({
      ruleId: 'akimat-level-2',
      formula: { kind: 'fixed', signatures: 2_500 },
    });
    expect(requiredSignatures({ addressee: 'government' })).toMatchObject({ population: null, ruleId: 'government' });
    expect(requiredSignatures({ addressee: 'ministry' })).toMatchObject({ verification: 'assumed' });
  });

  it.each<[string, ThresholdInput, string]>([
    ['level-1 akimat without population', { addressee: 'akimat', unitLevel: 1, population: null }, 'population-missing'],
    ['level-1 maslikhat without population', { addressee: 'maslikhat', unitLevel: 1, population: null }, 'population-missing'],
    // Even the fixed tiers of level 2 need the population to know which tier applies.
    ['level-2 akimat without population', { addressee: 'akimat', unitLevel: 2, population: null }, 'population-missing'],
    ['level-2 maslikhat without population', { addressee: 'maslikhat', unitLevel: 2, population: null }, 'population-missing'],
    ['zero population', { addressee: 'akimat', unitLevel: 1, population: pop(0) }, 'population-invalid'],
    ['negative population', { addressee: 'akimat', unitLevel: 2, population: pop(-5) }, 'population-invalid'],
    ['fractional population', { addressee: 'akimat', unitLevel: 2, population: pop(10.5) }, 'population-invalid'],
    ['population without a date', { addressee: 'akimat', unitLevel: 2, population: pop(10_000, '') }, 'population-invalid'],
    ['unknown level', { addressee: 'akimat', unitLevel: 3 as never, population: pop(10_000) }, 'no-rule'],
  ])('refuses: %s', (_name, input, reason) => {
    expect(requiredSignatures(input)).toEqual({ kind: 'refused', reason });
  });

  it('the rules are data: one rule per addressee and level', () => {
    const keys = PETITION_THRESHOLD_RULES.map((r) => `${r.addressee}/${r.unitLevel}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(['akimat/1', 'akimat/2', 'government/null', 'maslikhat/1', 'maslikhat/2', 'ministry/null']);
    // Another rule set can be passed (e.g. after the law's text is checked).
    const custom = PETITION_THRESHOLD_RULES.map((r) =>
      r.id === 'ministry' ? { ...r, tiers: [{ formula: { kind: 'fixed' as const, signatures: 25_000 } }] } : r,
    );
    expect(requiredSignatures({ addressee: 'ministry' }, custom)).toMatchObject({ signatures: 25_000 });
  });

  it('a percentage threshold is the least whole number of signatures at or above the share (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 25_000_000 }), fc.integer({ min: 1, max: 10_000 }), (p, bp) => {
        const n = percentOf(p, bp);
        expect(n * 10_000).toBeGreaterThanOrEqual(p * bp);
        expect((n - 1) * 10_000).toBeLessThan(p * bp);
      }),
    );
  });

  it('level-2 thresholds never exceed the fixed figure and grow with the population (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_000_000 }), fc.constantFrom('akimat' as const, 'maslikhat' as const), (p, addressee) => {
        const a = requiredSignatures({ addressee, unitLevel: 2, population: pop(p) });
        const b = requiredSignatures({ addressee, unitLevel: 2, population: pop(p + 1) });
        if (a.kind !== 'ok' || b.kind !== 'ok') throw new Error('refused');
        expect(a.signatures).toBeLessThanOrEqual(addressee === 'akimat' ? 2_500 : 5_000);
        expect(b.signatures).toBeGreaterThanOrEqual(a.signatures);
      }),
    );
  });

  it('thresholdReached is at least the required number', () => {
    expect(thresholdReached(2_499, 2_500)).toBe(false);
    expect(thresholdReached(2_500, 2_500)).toBe(true);
    expect(thresholdReached(2_501, 2_500)).toBe(true);
  });
});
