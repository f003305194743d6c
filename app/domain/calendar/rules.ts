import { z } from 'zod';
import { NotFoundError, ValidationError } from '../shared/errors';

/**
 * Legal clock rules as data (db/seed/data/dauys_clock_rules.json), validated by
 * `clockRulesFileSchema` and turned into a `ClockRuleSet` by `parseClockRules`.
 *
 * A rule is either
 *   - a `deadline`: `days` units after the start event (the start day is never counted), or
 *   - an `extension-limit` for the deadline named in `applies_to`: the due date may be extended
 *     once, to at most `days` units after the original due date.
 * Units: `working-days` (the Kazakh working-day calendar), `calendar-days`, `months` (same
 * day-of-month, else the month's last day). For calendar-day and month periods,
 * `ends_on_working_day` moves an end that falls on a non-working day to the next working day.
 */

export const CASE_TYPES = ['report', 'petition'] as const;
export type CaseType = (typeof CASE_TYPES)[number];
export const CLOCK_UNITS = ['working-days', 'calendar-days', 'months'] as const;
export type ClockUnit = (typeof CLOCK_UNITS)[number];
export const RULE_VERIFICATION = ['sourced', 'sourced-press', 'portal-rule', 'unverified'] as const;
export type RuleVerification = (typeof RULE_VERIFICATION)[number];

const text = z.string().trim().min(1, 'expected a non-empty string');
const trilingual = z.object({ kk: text, ru: text, en: text });

export const clockRuleEntrySchema = z
  .object({
    code: z.string().regex(/^(report|petition)(\.[a-z][a-z-]*)+$/, 'expected a code like report.answer'),
    case_type: z.enum(CASE_TYPES),
    kind: z.enum(['deadline', 'extension-limit']),
    days: z.number().int('expected a whole number').min(0, 'expected 0 or more'),
    unit: z.enum(CLOCK_UNITS),
    applies_to: z.string().optional(),
    pausable: z.boolean().default(false),
    ends_on_working_day: z.boolean().default(false),
    starts: text,
    description: trilingual,
    legal_basis: text,
    verification: z.enum(RULE_VERIFICATION),
    sources: z.array(z.url()).default([]),
  })
  .superRefine((r, ctx) => {
    if (!r.code.startsWith(`${r.case_type}.`))
      ctx.addIssue({ code: 'custom', path: ['code'], message: `expected a code starting with "${r.case_type}."` });
    if (r.kind === 'extension-limit' && !r.applies_to)
      ctx.addIssue({ code: 'custom', path: ['applies_to'], message: 'an extension limit names the rule it extends' });
    if (r.kind === 'deadline' && r.applies_to)
      ctx.addIssue({ code: 'custom', path: ['applies_to'], message: 'only an extension limit has applies_to' });
    if (r.kind === 'extension-limit' && r.pausable)
      ctx.addIssue({ code: 'custom', path: ['pausable'], message: 'an extension limit is not pausable' });
    if (r.unit === 'months' && r.pausable)
      ctx.addIssue({ code: 'custom', path: ['pausable'], message: 'month periods cannot be paused' });
  });

export const clockRulesFileSchema = z
  .object({
    _meta: z.object({ description: text }).loose(),
    rules: z.array(clockRuleEntrySchema).min(1, 'expected at least one rule'),
  })
  .superRefine((file, ctx) => {
    const byCode = new Map<string, (typeof file.rules)[number]>();
    file.rules.forEach((r, i) => {
      if (byCode.has(r.code)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'code'], message: `duplicate code ${r.code}` });
      byCode.set(r.code, r);
    });
    const extended = new Set<string>();
    file.rules.forEach((r, i) => {
      if (r.kind !== 'extension-limit' || !r.applies_to) return;
      const target = byCode.get(r.applies_to);
      if (!target || target.kind !== 'deadline' || target.case_type !== r.case_type)
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'applies_to'],
          message: `expected the code of a ${r.case_type} deadline, got ${r.applies_to}`,
        });
      if (extended.has(r.applies_to))
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'applies_to'], message: `${r.applies_to} has two extension limits` });
      extended.add(r.applies_to);
    });
  });

export type ClockRulesFile = z.output<typeof clockRulesFileSchema>;

export interface Period {
  amount: number;
  unit: ClockUnit;
  /** For calendar-day and month periods: an end on a non-working day moves to the next working day. */
  endsOnWorkingDay: boolean;
}

/** A deadline rule, ready for computeDeadline. */
export interface ClockRule {
  code: string;
  caseType: CaseType;
  period: Period;
  /** Whether "information requested" pauses may stop this clock. */
  pausable: boolean;
  /** The longest allowed extension, counted from the original due date; null: no extension. */
  maxExtension: Period | null;
  /** What starts the clock (for people: "registration of the appeal", ...). */
  starts: string;
  description: { kk: string; ru: string; en: string };
  legalBasis: string;
  verification: RuleVerification;
}

export interface ClockRuleSet {
  /** The deadline rules, in file order. */
  readonly rules: readonly ClockRule[];
  /** The rule with that code; throws NotFoundError (`clock-rule.not-found`) otherwise. */
  get(code: string): ClockRule;
  has(code: string): boolean;
}

/** Validates the rules file and builds the rule set. Throws a ValidationError listing the problems. */
export function parseClockRules(json: unknown): ClockRuleSet {
  const parsed = clockRulesFileSchema.safeParse(json);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issue.path.map(String).join('.') || '(root)'] = issue.message;
    throw new ValidationError('clock-rules.malformed', fields);
  }
  return buildClockRules(parsed.data);
}

/** The rule set of an already validated file. */
export function buildClockRules(file: ClockRulesFile): ClockRuleSet {
  const limits = new Map<string, Period>();
  for (const r of file.rules)
    if (r.kind === 'extension-limit' && r.applies_to)
      limits.set(r.applies_to, { amount: r.days, unit: r.unit, endsOnWorkingDay: r.ends_on_working_day });
  const rules: ClockRule[] = file.rules
    .filter((r) => r.kind === 'deadline')
    .map((r) => ({
      code: r.code,
      caseType: r.case_type,
      period: { amount: r.days, unit: r.unit, endsOnWorkingDay: r.ends_on_working_day },
      pausable: r.pausable,
      maxExtension: limits.get(r.code) ?? null,
      starts: r.starts,
      description: r.description,
      legalBasis: r.legal_basis,
      verification: r.verification,
    }));
  const byCode = new Map(rules.map((r) => [r.code, r]));
  return {
    rules,
    has: (code) => byCode.has(code),
    get(code) {
      const rule = byCode.get(code);
      if (!rule) throw new NotFoundError('clock-rule');
      return rule;
    },
  };
}
