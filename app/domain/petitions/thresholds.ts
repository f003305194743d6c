/**
 * Signature thresholds of e-petitions: how many signatures oblige the addressee to consider the
 * petition. The rules are data (PETITION_THRESHOLD_RULES), evaluated by one function.
 *
 * Source: kz_petition_rules.json (news coverage of the 2023 law; APPC chapter on petitions, to be
 * verified on adilet.zan.kz):
 *   - Government: 50,000 signatures.
 *   - Ministry (and other central bodies): NOT named by the sources. Decision: the Government's
 *     50,000, flagged `assumed` until the law's text is checked.
 *   - Level 1 (region, city of republican significance): akimat 1 %, maslikhat 2 % of residents.
 *   - Level 2 (district, city of regional significance, city district): akimat 2,500, or 5 % of
 *     residents where the unit has at most 50,000 residents; maslikhat 5,000, or 10 % where at most
 *     50,000. (At exactly 50,000 both readings agree: 5 % = 2,500, 10 % = 5,000.)
 *
 * Formula: a percentage threshold is the smallest whole number of signatures that is at least that
 * share of the residents: ceil(population * basisPoints / 10,000), computed in integers (1 % = 100
 * basis points). Population comes from unit_population (newest row) with its as-of date; a rule
 * that needs it refuses without it (`population-missing`), never guesses.
 */

export const ADDRESSEE_KINDS = ['government', 'ministry', 'akimat', 'maslikhat'] as const;
export type AddresseeKind = (typeof ADDRESSEE_KINDS)[number];
export type UnitLevel = 1 | 2;

export type ThresholdFormula = { kind: 'fixed'; signatures: number } | { kind: 'percent'; basisPoints: number };

export interface ThresholdTier {
  /** The tier applies when the population is at most this (inclusive); absent: any population. */
  maxPopulation?: number;
  formula: ThresholdFormula;
}

export interface ThresholdRule {
  id: string;
  addressee: AddresseeKind;
  /** null: a central body (no administrative unit). */
  unitLevel: UnitLevel | null;
  /** Tried in order; the first whose maxPopulation admits the population applies. */
  tiers: readonly ThresholdTier[];
  verification: 'sourced-press' | 'assumed';
  note: string;
}

export const PETITION_THRESHOLD_RULES: readonly ThresholdRule[] = [
  {
    id: 'government',
    addressee: 'government',
    unitLevel: null,
    tiers: [{ formula: { kind: 'fixed', signatures: 50_000 } }],
    verification: 'sourced-press',
    note: 'Government of the Republic of Kazakhstan: 50,000 signatures.',
  },
  {
    id: 'ministry',
    addressee: 'ministry',
    unitLevel: null,
    tiers: [{ formula: { kind: 'fixed', signatures: 50_000 } }],
    verification: 'assumed',
    note: 'Not named by the sources; the Government threshold is applied until the law text is checked.',
  },
  {
    id: 'akimat-level-1',
    addressee: 'akimat',
    unitLevel: 1,
    tiers: [{ formula: { kind: 'percent', basisPoints: 100 } }],
    verification: 'sourced-press',
    note: 'Akimat of a region or city of republican significance: 1 % of residents.',
  },
  {
    id: 'maslikhat-level-1',
    addressee: 'maslikhat',
    unitLevel: 1,
    tiers: [{ formula: { kind: 'percent', basisPoints: 200 } }],
    verification: 'sourced-press',
    note: 'Maslikhat of a region or city of republican significance: 2 % of residents.',
  },
  {
    id: 'akimat-level-2',
    addressee: 'akimat',
    unitLevel: 2,
    tiers: [
      { maxPopulation: 50_000, formula: { kind: 'percent', basisPoints: 500 } },
      { formula: { kind: 'fixed', signatures: 2_500 } },
    ],
    verification: 'sourced-press',
    note: 'Akimat of a district or city: 2,500 signatures; 5 % of residents where the population is at most 50,000.',
  },
  {
    id: 'maslikhat-level-2',
    addressee: 'maslikhat',
    unitLevel: 2,
    tiers: [
      { maxPopulation: 50_000, formula: { kind: 'percent', basisPoints: 1_000 } },
      { formula: { kind: 'fixed', signatures: 5_000 } },
    ],
    verification: 'sourced-press',
    note: 'Maslikhat of a district or city: 5,000 signatures; 10 % of residents where the population is at most 50,000.',
  },
];

export interface PopulationFigure {
  count: number;
  /** `YYYY-MM-DD`: the date the figure refers to. */
  asOf: string;
}

export type ThresholdInput =
  | { addressee: 'government' | 'ministry' }
  | { addressee: 'akimat' | 'maslikhat'; unitLevel: UnitLevel; population: PopulationFigure | null };

export type ThresholdRefusalReason = 'population-missing' | 'population-invalid' | 'no-rule';

export type ThresholdOutcome =
  | {
      kind: 'ok';
      signatures: number;
      ruleId: string;
      formula: ThresholdFormula;
      /** The population used (null when the rule needs none). */
      population: PopulationFigure | null;
      verification: ThresholdRule['verification'];
    }
  | { kind: 'refused'; reason: ThresholdRefusalReason };

/** ceil(population * bp / 10,000) in exact integer arithmetic. */
export function percentOf(population: number, basisPoints: number): number {
  return Math.floor((population * basisPoints + 9_999) / 10_000);
}

const needsPopulation = (rule: ThresholdRule) =>
  rule.tiers.some((t) => t.maxPopulation !== undefined || t.formula.kind === 'percent');

/** The number of signatures that obliges the addressee to consider a petition. */
export function requiredSignatures(
  input: ThresholdInput,
  rules: readonly ThresholdRule[] = PETITION_THRESHOLD_RULES,
): ThresholdOutcome {
  const level = input.addressee === 'akimat' || input.addressee === 'maslikhat' ? input.unitLevel : null;
  const rule = rules.find((r) => r.addressee === input.addressee && r.unitLevel === level);
  if (!rule) return { kind: 'refused', reason: 'no-rule' };

  let population: PopulationFigure | null = null;
  if (needsPopulation(rule)) {
    const p = 'population' in input ? input.population : null;
    if (!p) return { kind: 'refused', reason: 'population-missing' };
    if (!Number.isSafeInteger(p.count) || p.count <= 0 || !/^\d{4}-\d{2}-\d{2}$/.test(p.asOf))
      return { kind: 'refused', reason: 'population-invalid' };
    population = p;
  }

  const count = population?.count ?? 0;
  const tier = rule.tiers.find((t) => t.maxPopulation === undefined || (population !== null && count <= t.maxPopulation));
  if (!tier) return { kind: 'refused', reason: 'no-rule' };
  const signatures = tier.formula.kind === 'fixed' ? tier.formula.signatures : percentOf(count, tier.formula.basisPoints);
  return { kind: 'ok', signatures, ruleId: rule.id, formula: tier.formula, population, verification: rule.verification };
}

/** A count reaches the threshold when it is at least the required number. */
export const thresholdReached = (signatures: number, required: number): boolean => signatures >= required;
