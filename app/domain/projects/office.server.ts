import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { nationalPriorities, nationalProjects, petitionProjectLinks, petitions, petitionVersions, projectIndicators } from '../../../db/schema';
import { appendAudit, type RequestMeta } from '../audit/audit.server';
import { assertCan, type Actor } from '../identity/permissions';
import { enqueue } from '../outbox/outbox.server';
import type { PetitionState } from '../petitions/states';
import type { Deps } from '../shared/deps';
import { projectNames, type Names } from './project-names.server';
import { type ExplainedTerm, type LinkOrigin, type LinkStatus, OFFICE_STATES, PROJECT_CODE, canDecide, matchedWords, parseDecimal, parseExplanation } from './link-rules';

// =============================================================================================
// The project office: decisions

export type Refusal<R extends string> = { kind: 'refused'; reason: R; fields?: Record<string, string> };

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'too-long')
    .optional()
    .transform((v) => (v ? v : undefined));

export const LinkDecision = z.object({
  petitionId: z.string().uuid(),
  projectCode: z.string().regex(PROJECT_CODE),
  note: optionalText(1000),
});

export type DecisionOutcome =
  | { kind: 'confirmed' | 'rejected'; petitionId: string; number: number; projectCode: string; from: LinkStatus }
  | Refusal<'invalid' | 'not-found' | 'unchanged' | 'petition-not-linkable'>;

async function decide(deps: Deps, actor: Actor | null, to: 'confirmed' | 'rejected', input: unknown, meta?: RequestMeta): Promise<DecisionOutcome> {
  assertCan(actor, 'project:link');
  const parsed = LinkDecision.safeParse(input);
  if (!parsed.success) return { kind: 'refused', reason: 'invalid' };
  const { petitionId, projectCode, note } = parsed.data;
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ link: petitionProjectLinks, state: petitions.state, number: petitions.number })
      .from(petitionProjectLinks)
      .innerJoin(petitions, eq(petitions.id, petitionProjectLinks.petitionId))
      .where(and(eq(petitionProjectLinks.petitionId, petitionId), eq(petitionProjectLinks.projectCode, projectCode)))
      .for('update', { of: petitionProjectLinks });
    if (!row) return { kind: 'refused', reason: 'not-found' } as const;
    if (!(OFFICE_STATES as readonly string[]).includes(row.state)) return { kind: 'refused', reason: 'petition-not-linkable' } as const;
    const from = row.link.status as LinkStatus;
    if (!canDecide(from, to)) return { kind: 'refused', reason: 'unchanged' } as const;
    const now = deps.clock.now();
    await tx
      .update(petitionProjectLinks)
      .set({ status: to, decidedAt: now, decidedBy: actor.accountId, note: note ?? null })
      .where(and(eq(petitionProjectLinks.petitionId, petitionId), eq(petitionProjectLinks.projectCode, projectCode)));
    await appendAudit(tx, {
      at: now,
      actorAccountId: actor.accountId,
      action: to === 'confirmed' ? 'project.link-confirmed' : 'project.link-rejected',
      subject: { type: 'petition', id: petitionId },
      meta,
      details: { projectCode, from, origin: row.link.origin, score: row.link.score, versionId: row.link.versionId, ...(note ? { note } : {}) },
    });
    return { kind: to, petitionId, number: row.number, projectCode, from };
  });
}

/** The office confirms a link (a suggestion, or a link it rejected before): it becomes public. */
export function confirmLink(deps: Deps, actor: Actor | null, input: unknown, meta?: RequestMeta): Promise<DecisionOutcome> {
  return decide(deps, actor, 'confirmed', input, meta);
}

/** The office rejects a suggestion (or withdraws a confirmed link): it is never shown, and the worker leaves it alone. */
export function rejectLink(deps: Deps, actor: Actor | null, input: unknown, meta?: RequestMeta): Promise<DecisionOutcome> {
  return decide(deps, actor, 'rejected', input, meta);
}

export const ManualLink = z.object({
  /** The petition's public number (what the office sees) or its id. */
  petition: z
    .string()
    .trim()
    .regex(/^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[1-9][0-9]{0,14})$/i, 'petition-ref'),
  projectCode: z.string().trim().regex(PROJECT_CODE, 'project-code'),
  note: optionalText(1000),
});

export type ManualLinkOutcome =
  | { kind: 'linked'; petitionId: string; number: number; projectCode: string; from: LinkStatus | null }
  | Refusal<'invalid' | 'petition-not-found' | 'project-not-found' | 'petition-not-linkable' | 'already-linked'>;

/** The office links a petition to a project by hand: a confirmed row (an existing suggestion or rejection becomes confirmed). */
export async function addManualLink(deps: Deps, actor: Actor | null, input: unknown, meta?: RequestMeta): Promise<ManualLinkOutcome> {
  assertCan(actor, 'project:link');
  const parsed = ManualLink.safeParse(input);
  if (!parsed.success) {
    return { kind: 'refused', reason: 'invalid', fields: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'form'), i.message])) };
  }
  const { petition: ref, projectCode, note } = parsed.data;
  return deps.db.transaction(async (tx): Promise<ManualLinkOutcome> => {
    const byId = ref.includes('-');
    const [p] = await tx
      .select({ id: petitions.id, number: petitions.number, state: petitions.state, versionId: petitions.currentVersionId })
      .from(petitions)
      .where(byId ? eq(petitions.id, ref.toLowerCase()) : eq(petitions.number, Number(ref)));
    if (!p) return { kind: 'refused', reason: 'petition-not-found', fields: { petition: 'not-found' } };
    if (!(OFFICE_STATES as readonly string[]).includes(p.state)) return { kind: 'refused', reason: 'petition-not-linkable', fields: { petition: 'not-linkable' } };
    const [project] = await tx.select({ code: nationalProjects.code }).from(nationalProjects).where(eq(nationalProjects.code, projectCode));
    if (!project) return { kind: 'refused', reason: 'project-not-found', fields: { projectCode: 'not-found' } };
    const [existing] = await tx
      .select()
      .from(petitionProjectLinks)
      .where(and(eq(petitionProjectLinks.petitionId, p.id), eq(petitionProjectLinks.projectCode, projectCode)))
      .for('update');
    if (existing?.status === 'confirmed') return { kind: 'refused', reason: 'already-linked' } as const;
    const now = deps.clock.now();
    if (existing) {
      await tx
        .update(petitionProjectLinks)
        .set({ status: 'confirmed', decidedAt: now, decidedBy: actor.accountId, note: note ?? null })
        .where(and(eq(petitionProjectLinks.petitionId, p.id), eq(petitionProjectLinks.projectCode, projectCode)));
    } else {
      await tx.insert(petitionProjectLinks).values({
        petitionId: p.id,
        projectCode,
        status: 'confirmed',
        origin: 'manual',
        versionId: p.versionId,
        decidedAt: now,
        decidedBy: actor.accountId,
        note: note ?? null,
      });
    }
    const from = (existing?.status as LinkStatus | undefined) ?? null;
    await appendAudit(tx, {
      at: now,
      actorAccountId: actor.accountId,
      action: 'project.link-added',
      subject: { type: 'petition', id: p.id },
      meta,
      details: { projectCode, from, ...(note ? { note } : {}) },
    });
    return { kind: 'linked', petitionId: p.id, number: p.number, projectCode, from } as const;
  });
}

// =============================================================================================
// The project office: queue and recent decisions

export interface QueueItem {
  petitionId: string;
  number: number;
  title: string;
  state: PetitionState;
  projectCode: string;
  project: Names;
  projectStatus: string;
  score: number | null;
  suggestedAt: Date | null;
  /** The petition's matched words, most telling first. */
  words: string[];
  /** The matched terms (at most MAX_EXPLAINED_TERMS). */
  matched: ExplainedTerm[];
}

export interface OfficeQueue {
  items: QueueItem[];
  /** Suggestions waiting (all pages). */
  total: number;
}

/** Suggestions waiting for the office, oldest first (petitions in OFFICE_STATES only). */
export async function listOfficeQueue(deps: Pick<Deps, 'db'>, actor: Actor | null, opts: { limit?: number } = {}): Promise<OfficeQueue> {
  assertCan(actor, 'project:link');
  const where = and(eq(petitionProjectLinks.status, 'suggested'), inArray(petitions.state, [...OFFICE_STATES]));
  const [rows, [total]] = await Promise.all([
    deps.db
      .select({
        petitionId: petitions.id,
        number: petitions.number,
        state: petitions.state,
        title: petitionVersions.title,
        projectCode: petitionProjectLinks.projectCode,
        projectStatus: nationalProjects.status,
        score: petitionProjectLinks.score,
        explanation: petitionProjectLinks.explanation,
        suggestedAt: petitionProjectLinks.suggestedAt,
        ...projectNames,
      })
      .from(petitionProjectLinks)
      .innerJoin(petitions, eq(petitions.id, petitionProjectLinks.petitionId))
      .innerJoin(petitionVersions, eq(petitionVersions.id, petitions.currentVersionId))
      .innerJoin(nationalProjects, eq(nationalProjects.code, petitionProjectLinks.projectCode))
      .where(where)
      .orderBy(asc(petitionProjectLinks.suggestedAt), asc(petitions.number), desc(petitionProjectLinks.score))
      .limit(opts.limit ?? 100),
    deps.db
      .select({ n: count() })
      .from(petitionProjectLinks)
      .innerJoin(petitions, eq(petitions.id, petitionProjectLinks.petitionId))
      .where(where),
  ]);
  return {
    total: Number(total?.n ?? 0),
    items: rows.map((r) => {
      const e = parseExplanation(r.explanation);
      return {
        petitionId: r.petitionId,
        number: r.number,
        title: r.title,
        state: r.state as PetitionState,
        projectCode: r.projectCode,
        project: { nameKk: r.nameKk, nameRu: r.nameRu, nameEn: r.nameEn },
        projectStatus: r.projectStatus,
        score: r.score,
        suggestedAt: r.suggestedAt,
        words: matchedWords(e),
        matched: e?.matched ?? [],
      };
    }),
  };
}

export interface DecisionItem {
  petitionId: string;
  number: number;
  title: string;
  projectCode: string;
  project: Names;
  status: 'confirmed' | 'rejected';
  origin: LinkOrigin;
  decidedAt: Date | null;
  note: string | null;
}

/** The latest decisions of the office (to reverse a mistake), newest first. */
export async function listRecentDecisions(deps: Pick<Deps, 'db'>, actor: Actor | null, opts: { limit?: number } = {}): Promise<DecisionItem[]> {
  assertCan(actor, 'project:link');
  const rows = await deps.db
    .select({
      petitionId: petitions.id,
      number: petitions.number,
      title: petitionVersions.title,
      projectCode: petitionProjectLinks.projectCode,
      status: petitionProjectLinks.status,
      origin: petitionProjectLinks.origin,
      decidedAt: petitionProjectLinks.decidedAt,
      note: petitionProjectLinks.note,
      ...projectNames,
    })
    .from(petitionProjectLinks)
    .innerJoin(petitions, eq(petitions.id, petitionProjectLinks.petitionId))
    .innerJoin(petitionVersions, eq(petitionVersions.id, petitions.currentVersionId))
    .innerJoin(nationalProjects, eq(nationalProjects.code, petitionProjectLinks.projectCode))
    .where(and(inArray(petitionProjectLinks.status, ['confirmed', 'rejected']), inArray(petitions.state, [...OFFICE_STATES])))
    .orderBy(desc(petitionProjectLinks.decidedAt))
    .limit(opts.limit ?? 20);
  return rows.map((r) => ({
    petitionId: r.petitionId,
    number: r.number,
    title: r.title,
    projectCode: r.projectCode,
    project: { nameKk: r.nameKk, nameRu: r.nameRu, nameEn: r.nameEn },
    status: r.status as 'confirmed' | 'rejected',
    origin: r.origin as LinkOrigin,
    decidedAt: r.decidedAt,
    note: r.note,
  }));
}

// =============================================================================================
// The project office: editing projects and indicators

const requiredName = z.string().trim().min(2, 'too-short').max(300, 'too-long');

export const ProjectEdit = z.object({
  nameKk: requiredName,
  nameRu: requiredName,
  nameEn: requiredName,
  summaryEn: optionalText(2000),
  period: z.string().trim().min(1, 'required').max(40, 'too-long'),
  status: z.enum(['active', 'closed'], { message: 'not-allowed' }),
  priorityCode: optionalText(20),
});

export type ProjectEditOutcome =
  | { kind: 'saved'; code: string; changed: string[] }
  | { kind: 'unchanged'; code: string }
  | Refusal<'invalid' | 'not-found' | 'unknown-priority'>;

function fieldErrors(error: z.ZodError): Record<string, string> {
  return Object.fromEntries(error.issues.map((i) => [String(i.path[0] ?? 'form'), i.message]));
}

/**
 * The office edits a project (names, summary, period, status, priority). Audited with every changed
 * field (before and after); a change enqueues `projects.relink`, since names, summary and status
 * feed the linker.
 */
export async function editProject(deps: Deps, actor: Actor | null, code: string, input: unknown, meta?: RequestMeta): Promise<ProjectEditOutcome> {
  assertCan(actor, 'project:edit');
  const parsed = ProjectEdit.safeParse(input);
  if (!parsed.success) return { kind: 'refused', reason: 'invalid', fields: fieldErrors(parsed.error) };
  const next = { ...parsed.data, summaryEn: parsed.data.summaryEn ?? null, priorityCode: parsed.data.priorityCode ?? null };
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(nationalProjects).where(eq(nationalProjects.code, code)).for('update');
    if (!row) return { kind: 'refused', reason: 'not-found' } as const;
    if (next.priorityCode) {
      const [pr] = await tx.select({ code: nationalPriorities.code }).from(nationalPriorities).where(eq(nationalPriorities.code, next.priorityCode));
      if (!pr) return { kind: 'refused', reason: 'unknown-priority', fields: { priorityCode: 'not-found' } } as const;
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const k of Object.keys(next) as (keyof typeof next)[]) {
      if (row[k] !== next[k]) changes[k] = { from: row[k], to: next[k] };
    }
    const changed = Object.keys(changes);
    if (changed.length === 0) return { kind: 'unchanged', code } as const;
    const now = deps.clock.now();
    await tx
      .update(nationalProjects)
      .set({ ...next, updatedAt: now })
      .where(eq(nationalProjects.code, code));
    await appendAudit(tx, { at: now, actorAccountId: actor.accountId, action: 'project.edited', subject: { type: 'project', id: code }, meta, details: { changes } });
    await enqueue(tx, { topic: 'projects.relink' });
    return { kind: 'saved', code, changed } as const;
  });
}

/** An optional number field of a form ('' -> null); text that is not a number is an error. */
const decimal = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v, ctx) => {
    if (v === null || v === undefined) return null;
    const n = typeof v === 'number' ? v : parseDecimal(v);
    if (n !== null && !Number.isFinite(n)) {
      ctx.addIssue({ code: 'custom', message: 'not-a-number' });
      return z.NEVER;
    }
    return n;
  });

const year = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v, ctx) => {
    if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return null;
    const n = typeof v === 'number' ? v : Number(v.trim());
    if (!Number.isInteger(n) || n < 1990 || n > 2100) {
      ctx.addIssue({ code: 'custom', message: 'not-a-year' });
      return z.NEVER;
    }
    return n;
  });

const isoDate = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v, ctx) => {
    const s = v?.trim() ?? '';
    if (s === '') return null;
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
    if (!m || !d || d.toISOString().slice(0, 10) !== s) {
      ctx.addIssue({ code: 'custom', message: 'not-a-date' });
      return z.NEVER;
    }
    return s;
  });

export const IndicatorInput = z.object({
  id: z.coerce.number().int().positive().optional(),
  projectCode: z.string().trim().regex(PROJECT_CODE),
  nameKk: requiredName,
  nameRu: requiredName,
  nameEn: requiredName,
  unit: optionalText(40),
  baseline: decimal,
  baselineYear: year,
  target: decimal,
  targetYear: year,
  currentValue: decimal,
  currentAsOf: isoDate,
  source: optionalText(500),
  sortOrder: z.coerce.number().int().min(0).max(10_000).default(0),
});

export type IndicatorOutcome =
  | { kind: 'created' | 'updated'; id: number; projectCode: string }
  | { kind: 'unchanged'; id: number; projectCode: string }
  | Refusal<'invalid' | 'not-found'>;

/** The office adds an indicator (no id) or edits one of the project's indicators; audited. */
export async function editIndicator(deps: Deps, actor: Actor | null, input: unknown, meta?: RequestMeta): Promise<IndicatorOutcome> {
  assertCan(actor, 'project:edit');
  const parsed = IndicatorInput.safeParse(input);
  if (!parsed.success) return { kind: 'refused', reason: 'invalid', fields: fieldErrors(parsed.error) };
  const { id, ...rest } = parsed.data;
  const values = { ...rest, unit: rest.unit ?? null, source: rest.source ?? null };
  return deps.db.transaction(async (tx) => {
    const [project] = await tx.select({ code: nationalProjects.code }).from(nationalProjects).where(eq(nationalProjects.code, values.projectCode));
    if (!project) return { kind: 'refused', reason: 'not-found' } as const;
    const now = deps.clock.now();
    if (id === undefined) {
      const [row] = await tx
        .insert(projectIndicators)
        .values({ ...values, updatedAt: now })
        .returning({ id: projectIndicators.id });
      await appendAudit(tx, { at: now, actorAccountId: actor.accountId, action: 'project.indicator-created', subject: { type: 'project', id: values.projectCode }, meta, details: { indicatorId: row!.id, values } });
      return { kind: 'created', id: row!.id, projectCode: values.projectCode } as const;
    }
    const [row] = await tx
      .select()
      .from(projectIndicators)
      .where(and(eq(projectIndicators.id, id), eq(projectIndicators.projectCode, values.projectCode)))
      .for('update');
    if (!row) return { kind: 'refused', reason: 'not-found' } as const;
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const k of Object.keys(values) as (keyof typeof values)[]) {
      if (row[k] !== values[k]) changes[k] = { from: row[k], to: values[k] };
    }
    if (Object.keys(changes).length === 0) return { kind: 'unchanged', id, projectCode: values.projectCode } as const;
    await tx.update(projectIndicators).set({ ...values, updatedAt: now }).where(eq(projectIndicators.id, id));
    await appendAudit(tx, { at: now, actorAccountId: actor.accountId, action: 'project.indicator-updated', subject: { type: 'project', id: values.projectCode }, meta, details: { indicatorId: id, changes } });
    return { kind: 'updated', id, projectCode: values.projectCode } as const;
  });
}

/** The office removes an indicator of a project; audited with the removed values. */
export async function deleteIndicator(
  deps: Deps,
  actor: Actor | null,
  input: { projectCode: string; id: unknown },
  meta?: RequestMeta,
): Promise<{ kind: 'deleted'; id: number } | Refusal<'not-found'>> {
  assertCan(actor, 'project:edit');
  const id = z.coerce.number().int().positive().safeParse(input.id);
  if (!id.success) return { kind: 'refused', reason: 'not-found' };
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(projectIndicators)
      .where(and(eq(projectIndicators.id, id.data), eq(projectIndicators.projectCode, input.projectCode)))
      .returning();
    if (!row) return { kind: 'refused', reason: 'not-found' } as const;
    const { updatedAt: _u, ...values } = row;
    await appendAudit(tx, { at: deps.clock.now(), actorAccountId: actor.accountId, action: 'project.indicator-deleted', subject: { type: 'project', id: row.projectCode }, meta, details: { indicatorId: row.id, values } });
    return { kind: 'deleted', id: row.id } as const;
  });
}
