import { z } from 'zod';
import { ValidationError } from '../shared/errors';

/**
 * The competence table as data (db/seed/data/dauys_competence.json): which akimat answers a report
 * of a category, and which of its departments, depending on where the point is.
 *
 * Context of a located point (see `contextOf`):
 *   - `district`        a district or city of regional significance inside a region (level 2)
 *   - `city_district`   a district of Astana, Almaty or Shymkent (level 2)
 *   - `region`          a region, when no level-2 polygon contains the point (level 1)
 *   - `republican_city` Astana, Almaty or Shymkent, when no city-district polygon contains it (level 1)
 *
 * Rule lookup for (context, category): the rule of the file for that pair if any, else the
 * context's default. `answers`:
 *   - `unit`   the akimat of the unit the point is in (for level-1 contexts: the region/city akimat)
 *   - `parent` the akimat of the level-1 unit (region, or city of republican significance)
 * The department is the rule's `department` when given, else the category's default department
 * (issue_categories.default_department_code). `external_departments` are bodies outside the akimat
 * (police, emergency service, utility companies): the akimat receives the report and forwards it.
 */

export const COMPETENCE_CONTEXTS = ['district', 'city_district', 'region', 'republican_city'] as const;
export type CompetenceContext = (typeof COMPETENCE_CONTEXTS)[number];
export type Answering = 'unit' | 'parent';

const text = z.string().trim().min(1, 'expected a non-empty string');
const code = z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a snake_case code');
const levelTwoContexts: readonly CompetenceContext[] = ['district', 'city_district'];

export const competenceRuleSchema = z
  .object({
    category: code,
    context: z.enum(COMPETENCE_CONTEXTS),
    answers: z.enum(['unit', 'parent']),
    department: code.optional(),
    basis: text,
    review: z.boolean().default(false),
  })
  .superRefine((r, ctx) => {
    if (r.answers === 'parent' && !levelTwoContexts.includes(r.context))
      ctx.addIssue({
        code: 'custom',
        path: ['answers'],
        message: `a ${r.context} has no parent akimat: only district and city_district rules may answer "parent"`,
      });
  });

export const competenceFileSchema = z
  .object({
    _meta: z.object({ description: text }).loose(),
    external_departments: z.array(code).default([]),
    defaults: z.object({
      district: z.enum(['unit', 'parent']),
      city_district: z.enum(['unit', 'parent']),
      region: z.literal('unit'),
      republican_city: z.literal('unit'),
    }),
    rules: z.array(competenceRuleSchema),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.rules.forEach((r, i) => {
      const key = `${r.context}/${r.category}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['rules', i], message: `duplicate rule for ${key}` });
      seen.add(key);
    });
  });

export type CompetenceFile = z.output<typeof competenceFileSchema>;

export interface CompetenceRule {
  category: string;
  context: CompetenceContext;
  answers: Answering;
  /** Department code instead of the category's default; undefined: the default. */
  department: string | undefined;
  basis: string;
  /** The rule is a reasoned choice awaiting confirmation by the akimats (internal flag). */
  review: boolean;
}

export interface CompetenceDecision {
  answers: Answering;
  departmentCode: string;
  /** The rule that decided, or null when the context default applied. */
  rule: CompetenceRule | null;
}

export class CompetenceTable {
  private readonly byKey: ReadonlyMap<string, CompetenceRule>;

  constructor(
    readonly rules: readonly CompetenceRule[],
    readonly defaults: Readonly<Record<CompetenceContext, Answering>>,
    readonly externalDepartments: ReadonlySet<string>,
  ) {
    this.byKey = new Map(rules.map((r) => [`${r.context}/${r.category}`, r]));
  }

  /** The decision for a category in a context (see the module comment). */
  decide(context: CompetenceContext, categoryCode: string, defaultDepartmentCode: string): CompetenceDecision {
    const rule = this.byKey.get(`${context}/${categoryCode}`) ?? null;
    return {
      answers: rule ? rule.answers : this.defaults[context],
      departmentCode: rule?.department ?? defaultDepartmentCode,
      rule,
    };
  }

  isExternal(departmentCode: string): boolean {
    return this.externalDepartments.has(departmentCode);
  }

  /**
   * References to categories and departments that do not exist (empty when consistent). An unknown
   * department would produce assignments to nothing; an unknown category only makes a dead rule.
   */
  problems(known: { categories: Iterable<string>; departments: Iterable<string> }): CompetenceProblem[] {
    const categories = new Set(known.categories);
    const departments = new Set(known.departments);
    const out: CompetenceProblem[] = [];
    this.rules.forEach((r, i) => {
      if (!categories.has(r.category))
        out.push({ kind: 'unknown-category', path: `rules[${i}].category`, code: r.category });
      if (r.department !== undefined && !departments.has(r.department))
        out.push({ kind: 'unknown-department', path: `rules[${i}].department`, code: r.department });
    });
    for (const d of this.externalDepartments)
      if (!departments.has(d)) out.push({ kind: 'unknown-department', path: 'external_departments', code: d });
    return out;
  }
}

export interface CompetenceProblem {
  kind: 'unknown-category' | 'unknown-department';
  /** Path in dauys_competence.json, e.g. `rules[3].department`. */
  path: string;
  /** The unknown code. */
  code: string;
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(root)';
}

/**
 * Validates the competence file and builds the table. Throws ValidationError
 * `routing.competence-invalid` whose `fields` map each bad path to its problem.
 */
export function parseCompetence(json: unknown): CompetenceTable {
  const parsed = competenceFileSchema.safeParse(json);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issuePath(issue.path)] = issue.message;
    throw new ValidationError('routing.competence-invalid', fields);
  }
  const f = parsed.data;
  return new CompetenceTable(
    f.rules.map((r) => ({
      category: r.category,
      context: r.context,
      answers: r.answers,
      department: r.department,
      basis: r.basis,
      review: r.review,
    })),
    f.defaults,
    new Set(f.external_departments),
  );
}

/**
 * The competence context of a located point: from the type of the first-level unit and whether a
 * second-level unit was found (see the module comment).
 */
export function contextOf(regionType: string, hasDistrict: boolean): CompetenceContext {
  const republicanCity = regionType === 'city_of_republican_significance';
  if (hasDistrict) return republicanCity ? 'city_district' : 'district';
  return republicanCity ? 'republican_city' : 'region';
}
