import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows, type Db } from '../../../db/client';
import {
  accounts,
  categoryProjects,
  follows,
  issueCategories,
  nationalPriorities,
  nationalProjects,
  notifications,
  petitionCounts,
  petitionProjectLinks,
  petitions,
  petitionVersions,
  projectIndicators,
  signatures,
} from '../../../db/schema';
import { appendAudit, type RequestMeta } from '../audit/audit.server';
import { assertCan, type Actor } from '../identity/permissions';
import type { Template } from '../notify/notify.server';
import { createNotification } from '../notify/notify.server';
import { enqueue } from '../outbox/outbox.server';
import { VISIBLE_PUBLICLY, type PetitionState } from '../petitions/states';
import { reportCountsByCategory, type CategoryCounts } from '../reports/public.server';
import type { Deps } from '../shared/deps';
import { ForbiddenError } from '../shared/errors';
import {
  buildLinker,
  contentTokens,
  parseProjectLexicons,
  type ExampleText,
  type LinkableProject,
  type Linker,
  type MatchedTerm,
  type ProjectLexicons,
  type Suggestion,
} from './linking';

/**
 * Links between petitions and the national projects they affect (petition_project_links).
 *
 * LIFE OF A LINK
 *   - The linking worker (`petition.link`, enqueued by createPetition / editPetition) scores the
 *     petition's current text with the offline linker (./linking) and writes a `suggested` row, with
 *     its score and explanation (the matched words), for each project the linker suggests.
 *   - The project office (permission project:link) confirms or rejects a suggestion, or links a
 *     petition by hand (origin `manual`). Every decision is audited. A decision can be reversed
 *     (confirmed -> rejected, rejected -> confirmed), again audited.
 *   - Only `confirmed` links are public, and only for petitions the public may see (VISIBLE_PUBLICLY).
 *   - Confirmed petitions feed the linker: their texts become example texts of their project
 *     (the words that recur in at least two of them: exampleProfiles).
 *
 * THE RULE OF THE WORKER (planLinkChanges): a row decided by a person (confirmed, rejected, or any
 * manual row) is never changed or removed by the worker; a suggestion is inserted or refreshed for
 * every project the linker suggests that has no decided row; a `suggested` row whose project is no
 * longer suggested for the current text is deleted (stale).
 */

// =============================================================================================
// Constants and pure rules

export const LINK_STATUSES = ['suggested', 'confirmed', 'rejected'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];
export const LINK_ORIGINS = ['linker', 'manual'] as const;
export type LinkOrigin = (typeof LINK_ORIGINS)[number];

/**
 * Petition states whose links the project office works on: published petitions (by link or
 * publicly), not drafts (private to their author), withdrawn or rejected ones (nothing to follow).
 * Suggestions for a draft are computed and kept; they appear in the queue once it is published.
 */
export const OFFICE_STATES = [
  'collecting',
  'moderation',
  'open',
  'closed-reached',
  'closed-expired',
  'under-consideration',
  'answered',
] as const satisfies readonly PetitionState[];

/** Confirmed links are shown publicly (project pages, open data) for petitions in these states. */
export const PUBLIC_LINK_STATES = VISIBLE_PUBLICLY;

/** A national project code (national_projects.code). */
export const PROJECT_CODE = /^NP-[A-Z0-9-]{1,40}$/;

/** Confirmed petitions used as example texts per project (the most recently confirmed). */
export const MAX_EXAMPLES_PER_PROJECT = 50;
/** A word of confirmed petitions joins a project's profile once it occurs in this many of them. */
export const EXAMPLE_MIN_TEXTS = 2;
/** Matched terms kept in a stored explanation (largest contribution first). */
export const MAX_EXPLAINED_TERMS = 12;
/** Confirmed petitions listed on a project page (all of them are in /petitions?project=CODE). */
export const PROJECT_PAGE_PETITIONS = 100;

const matchedTermSchema = z.object({
  concept: z.string(),
  source: z.enum(['lexicon', 'name', 'summary', 'indicator', 'example']),
  term: z.string(),
  words: z.array(z.string()),
  match: z.enum(['exact', 'fuzzy']),
  contribution: z.number(),
});

/** What petition_project_links.explanation holds for a linker suggestion (version 1). */
export const linkExplanationSchema = z.object({
  v: z.literal(1),
  /** The linker's raw score and evidence (matched petition words, exact 1, fuzzy 0.5). */
  raw: z.number(),
  evidence: z.number(),
  /** The threshold in force when the suggestion was made. */
  threshold: z.number(),
  matched: z.array(matchedTermSchema),
});
export type LinkExplanation = z.output<typeof linkExplanationSchema>;
export type ExplainedTerm = z.output<typeof matchedTermSchema>;

/** The stored explanation of a suggestion: the largest MAX_EXPLAINED_TERMS matches. */
export function toExplanation(s: Pick<Suggestion, 'raw' | 'evidence' | 'matched'>, threshold: number): LinkExplanation {
  return {
    v: 1,
    raw: s.raw,
    evidence: s.evidence,
    threshold,
    matched: s.matched.slice(0, MAX_EXPLAINED_TERMS).map((m: MatchedTerm) => ({
      concept: m.concept,
      source: m.source,
      term: m.term,
      words: [...m.words],
      match: m.match,
      contribution: m.contribution,
    })),
  };
}

/** A stored explanation, or null when the value is not one (old format, hand-edited, manual link). */
export function parseExplanation(value: unknown): LinkExplanation | null {
  const r = linkExplanationSchema.safeParse(value);
  return r.success ? r.data : null;
}

/**
 * The petition's words that matched, as the office reads them: each distinct word (case-folded),
 * in order of the contribution of the term it matched.
 */
export function matchedWords(e: LinkExplanation | null): string[] {
  if (!e) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of [...e.matched].sort((a, b) => b.contribution - a.contribution)) {
    for (const w of m.words) {
      const key = w.toLocaleLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(w);
    }
  }
  return out;
}

/**
 * What confirmed petitions add to each project's profile: the words that recur in at least
 * `minTexts` confirmed petitions of that project (compared by the linker's stem key), as one
 * example text per project. A word seen in a single petition (a place, a date, a verb like "stays")
 * is left out: measured on the labelled set, taking every word of the examples let such words tip
 * petitions about no project over the linker's evidence minimum (false links 0/12 -> 1-2/12), while
 * recurring words added recall without a single false link (see the report of the linking task).
 */
export function exampleProfiles(examples: readonly ExampleText[], minTexts = EXAMPLE_MIN_TEXTS): ExampleText[] {
  const byProject = new Map<string, Map<string, { word: string; texts: number }>>();
  for (const e of examples) {
    let words = byProject.get(e.code);
    if (!words) byProject.set(e.code, (words = new Map()));
    const seen = new Set<string>();
    for (const t of contentTokens(e.text)) {
      const key = t.keys[0];
      if (!key || seen.has(key)) continue;
      seen.add(key);
      const w = words.get(key);
      if (w) w.texts++;
      else words.set(key, { word: t.norm, texts: 1 });
    }
  }
  const out: ExampleText[] = [];
  for (const [code, words] of byProject) {
    const kept = [...words.values()].filter((w) => w.texts >= minTexts).map((w) => w.word);
    if (kept.length > 0) out.push({ code, text: kept.join(' ') });
  }
  return out;
}

export interface ExistingLink {
  projectCode: string;
  status: LinkStatus;
  origin: LinkOrigin;
}

export interface LinkPlan {
  /** Suggestions to insert or refresh (their project has no row decided by a person). */
  write: Suggestion[];
  /** Projects whose `suggested` row is stale and is deleted. */
  remove: string[];
  /** Projects whose row a person decided: left exactly as it is. */
  decided: string[];
}

/** Whether a person decided this row (see the module comment). */
export function decidedByPerson(l: Pick<ExistingLink, 'status' | 'origin'>): boolean {
  return l.status !== 'suggested' || l.origin === 'manual';
}

/** The worker's rule (module comment), as a pure function of the rows and the new suggestions. */
export function planLinkChanges(existing: readonly ExistingLink[], suggestions: readonly Suggestion[]): LinkPlan {
  const decided = new Set(existing.filter(decidedByPerson).map((l) => l.projectCode));
  const suggested = new Set(suggestions.map((s) => s.code));
  return {
    write: suggestions.filter((s) => !decided.has(s.code)),
    remove: existing.filter((l) => !decidedByPerson(l) && !suggested.has(l.projectCode)).map((l) => l.projectCode),
    decided: [...decided],
  };
}

/** The transitions a decision may make: any row to confirmed or rejected, never to the same status. */
export function canDecide(from: LinkStatus, to: 'confirmed' | 'rejected'): boolean {
  return from !== to;
}

export interface IndicatorNumbers {
  baseline: number | null;
  target: number | null;
  currentValue: number | null;
}

/**
 * Progress of an indicator from its baseline towards its target:
 *   progress = (current - baseline) / (target - baseline), clamped to [0, 1]
 * It works for a decrease as for an increase (distance 500 -> 200 km, current 350: 0.5). Without a
 * baseline, a target or a current value, or when target = baseline, there is no progress (null):
 * no baseline is assumed (a count "from zero" must be entered as baseline 0).
 */
export function indicatorProgress(i: IndicatorNumbers): number | null {
  const { baseline, target, currentValue } = i;
  if (baseline === null || target === null || currentValue === null) return null;
  if (![baseline, target, currentValue].every(Number.isFinite) || target === baseline) return null;
  const p = (currentValue - baseline) / (target - baseline);
  return Math.min(1, Math.max(0, p));
}

/** Whether the current value has reached the target, in the direction from the baseline (or upward without one). */
export function indicatorReached(i: IndicatorNumbers): boolean {
  const { baseline, target, currentValue } = i;
  if (target === null || currentValue === null) return false;
  const down = baseline !== null && target < baseline;
  return down ? currentValue <= target : currentValue >= target;
}

/**
 * A decimal number as people type it: spaces (also no-break) as thousands separators, a comma or a
 * point as the decimal mark, an optional sign. '' -> null; anything else that is not a finite
 * number -> NaN (the caller reports it).
 */
export function parseDecimal(raw: string): number | null {
  const s = raw.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (s === '') return null;
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(s)) return Number.NaN;
  const n = Number(s);
  return Number.isFinite(n) ? n : Number.NaN;
}

// =============================================================================================
// The linker built from the database (cached per process)

/** Where the lexicons live: next to the seed data (db/seed/data), found from this module or the working directory. */
function lexiconFile(): string {
  const candidates = [
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../db/seed/data/dauys_project_lexicons.json'),
    path.resolve('db/seed/data/dauys_project_lexicons.json'),
  ];
  return candidates.find((c) => existsSync(c)) ?? candidates[candidates.length - 1]!;
}

export interface LinkerSource {
  /** A cheap fingerprint of what the linker is built from; a new value triggers a rebuild. */
  fingerprint(db: Db): Promise<string>;
  projects(db: Db): Promise<LinkableProject[]>;
  lexicons(): Promise<ProjectLexicons>;
  examples(db: Db): Promise<ExampleText[]>;
}

/**
 * The default source: projects from national_projects, lexicons from the seed file
 * dauys_project_lexicons.json, examples = the confirmed petitions' current texts (title + body),
 * the MAX_EXAMPLES_PER_PROJECT most recently confirmed per project. The fingerprint changes when
 * a project row changes (count, newest updated_at), when a link is confirmed or un-confirmed or a
 * confirmed petition's text changes (count, newest decided_at, newest version), or when the lexicon
 * file changes (mtime, size).
 */
export const databaseLinkerSource: LinkerSource = {
  async fingerprint(db) {
    const [row] = await queryRows<{ p: string | null; e: string | null }>(
      db,
      sql`select
        (select count(*)::text || '|' || coalesce(max(${nationalProjects.updatedAt})::text, '') from ${nationalProjects}) as p,
        (select count(*)::text || '|' || coalesce(max(l.decided_at)::text, '') || '|' || coalesce(max(v.created_at)::text, '')
           from petition_project_links l
           join petitions pe on pe.id = l.petition_id
           join petition_versions v on v.id = pe.current_version_id
          where l.status = 'confirmed') as e`,
    );
    let lex = 'missing';
    try {
      const st = await stat(lexiconFile());
      lex = `${st.mtimeMs}|${st.size}`;
    } catch {
      // reported by lexicons() when the linker is built
    }
    return `${row?.p ?? ''}#${row?.e ?? ''}#${lex}`;
  },
  async projects(db) {
    const rows = await db
      .select({
        code: nationalProjects.code,
        status: nationalProjects.status,
        nameKk: nationalProjects.nameKk,
        nameRu: nationalProjects.nameRu,
        nameEn: nationalProjects.nameEn,
        summaryEn: nationalProjects.summaryEn,
        keyIndicators: nationalProjects.keyIndicators,
      })
      .from(nationalProjects)
      .orderBy(asc(nationalProjects.sortOrder), asc(nationalProjects.code));
    return rows;
  },
  async lexicons() {
    const file = lexiconFile();
    const parsed = parseProjectLexicons(JSON.parse(await readFile(file, 'utf8')) as unknown);
    if (parsed.kind === 'invalid') throw new Error(`${file} is invalid:\n  ${parsed.issues.join('\n  ')}`);
    return parsed.lexicons;
  },
  async examples(db) {
    const rows = await queryRows<{ code: string; text: string }>(
      db,
      sql`select code, text from (
            select l.project_code as code, v.title || E'\n' || v.body as text,
                   row_number() over (partition by l.project_code order by l.decided_at desc nulls last, l.petition_id) as rn
              from petition_project_links l
              join petitions pe on pe.id = l.petition_id
              join petition_versions v on v.id = pe.current_version_id
             where l.status = 'confirmed') x
          where rn <= ${MAX_EXAMPLES_PER_PROJECT}
          order by code, rn`,
    );
    return rows.map((r) => ({ code: r.code, text: r.text }));
  },
};

export interface BuiltLinker {
  linker: Linker;
  fingerprint: string;
  builtAt: Date;
  buildMs: number;
  examples: number;
}

let cached: BuiltLinker | null = null;
let building: { fingerprint: string; promise: Promise<BuiltLinker> } | null = null;
let source: LinkerSource = databaseLinkerSource;

/** Forgets the cached linker (tests), and optionally replaces where it is built from. */
export function resetLinkerCache(next: LinkerSource = databaseLinkerSource): void {
  cached = null;
  building = null;
  source = next;
}

/**
 * The process's linker: rebuilt when the source's fingerprint changes (one query per call); a
 * build in progress is shared by concurrent callers.
 */
export async function getLinker(deps: Pick<Deps, 'db' | 'log'>): Promise<BuiltLinker & { rebuilt: boolean }> {
  const fingerprint = await source.fingerprint(deps.db);
  if (cached && cached.fingerprint === fingerprint) return { ...cached, rebuilt: false };
  if (!building || building.fingerprint !== fingerprint) {
    const from = source;
    const promise = (async () => {
      const [projects, lexicons, examples] = await Promise.all([from.projects(deps.db), from.lexicons(), from.examples(deps.db)]);
      const t0 = performance.now();
      const linker = buildLinker({ projects, lexicons, examples: exampleProfiles(examples) });
      const built: BuiltLinker = { linker, fingerprint, builtAt: new Date(), buildMs: Math.round(performance.now() - t0), examples: examples.length };
      for (const w of linker.warnings) deps.log.warn({ warning: w }, 'linker data warning');
      deps.log.info({ buildMs: built.buildMs, projects: projects.length, examples: examples.length, terms: linker.stats.terms }, 'petition linker built');
      return built;
    })();
    building = { fingerprint, promise };
    promise.then(
      (b) => {
        if (building?.promise === promise) building = null;
        if (from === source) cached = b;
      },
      () => {
        if (building?.promise === promise) building = null;
      },
    );
  }
  const built = await building.promise;
  return { ...built, rebuilt: true };
}

// =============================================================================================
// The worker: suggestions for one petition, for all

export type LinkOutcome =
  | { kind: 'linked'; petitionId: string; versionId: string; suggested: string[]; removed: string[]; decided: string[] }
  | { kind: 'gone'; petitionId: string };

/** Advisory-lock namespace of the linker's writes for one petition (second key: hash of the id). */
const LINK_LOCK = 7_366_020;

async function linkWith(deps: Pick<Deps, 'db' | 'clock'>, linker: Linker, petitionId: string): Promise<LinkOutcome> {
  return deps.db.transaction(async (tx) => {
    // Jobs for one petition (created, then edited) take turns; other petitions are not blocked.
    await tx.execute(sql`select pg_advisory_xact_lock(${LINK_LOCK}, hashtext(${petitionId}))`);
    const [p] = await tx
      .select({ versionId: petitionVersions.id, title: petitionVersions.title, body: petitionVersions.body })
      .from(petitions)
      .innerJoin(petitionVersions, eq(petitionVersions.id, petitions.currentVersionId))
      .where(eq(petitions.id, petitionId));
    if (!p) return { kind: 'gone', petitionId } as const;
    const suggestions = linker.score(`${p.title}\n${p.body}`);
    const existing = await tx
      .select({ projectCode: petitionProjectLinks.projectCode, status: petitionProjectLinks.status, origin: petitionProjectLinks.origin })
      .from(petitionProjectLinks)
      .where(eq(petitionProjectLinks.petitionId, petitionId));
    const plan = planLinkChanges(existing as ExistingLink[], suggestions);
    const now = deps.clock.now();
    for (const s of plan.write) {
      await tx
        .insert(petitionProjectLinks)
        .values({
          petitionId,
          projectCode: s.code,
          status: 'suggested',
          origin: 'linker',
          score: s.score,
          explanation: toExplanation(s, linker.options.threshold),
          versionId: p.versionId,
          suggestedAt: now,
        })
        .onConflictDoUpdate({
          target: [petitionProjectLinks.petitionId, petitionProjectLinks.projectCode],
          set: {
            score: sql`excluded.score`,
            explanation: sql`excluded.explanation`,
            // The queue keeps its order while the text is the same; a new text is a new suggestion.
            suggestedAt: sql`case when ${petitionProjectLinks.versionId} is distinct from excluded.version_id then excluded.suggested_at else ${petitionProjectLinks.suggestedAt} end`,
            versionId: sql`excluded.version_id`,
          },
          // Never a row a person decided, even one decided since it was read above.
          setWhere: sql`${petitionProjectLinks.status} = 'suggested' and ${petitionProjectLinks.origin} = 'linker'`,
        });
    }
    if (plan.remove.length > 0) {
      await tx
        .delete(petitionProjectLinks)
        .where(
          and(
            eq(petitionProjectLinks.petitionId, petitionId),
            inArray(petitionProjectLinks.projectCode, plan.remove),
            eq(petitionProjectLinks.status, 'suggested'),
            eq(petitionProjectLinks.origin, 'linker'),
          ),
        );
    }
    return { kind: 'linked', petitionId, versionId: p.versionId, suggested: plan.write.map((s) => s.code), removed: plan.remove, decided: plan.decided } as const;
  });
}

/** Job `petition.link`: scores the petition's current text and updates its suggestions (idempotent). */
export async function linkPetition(deps: Deps, petitionId: string): Promise<LinkOutcome> {
  const { linker } = await getLinker(deps);
  return linkWith(deps, linker, petitionId);
}

export interface RelinkReport {
  petitions: number;
  suggested: number;
  removed: number;
  ms: number;
}

/**
 * Job `projects.relink`: re-scores every petition (drafts too: their suggestions wait for
 * publication) with the current linker, in id order, one short transaction per petition.
 */
export async function relinkAll(deps: Deps, opts: { pageSize?: number } = {}): Promise<RelinkReport> {
  const t0 = performance.now();
  const { linker } = await getLinker(deps);
  const pageSize = opts.pageSize ?? 200;
  const report: RelinkReport = { petitions: 0, suggested: 0, removed: 0, ms: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await deps.db
      .select({ id: petitions.id })
      .from(petitions)
      .where(sql`${petitions.id} > ${after}`)
      .orderBy(asc(petitions.id))
      .limit(pageSize);
    if (page.length === 0) break;
    for (const { id } of page) {
      const r = await linkWith(deps, linker, id);
      if (r.kind !== 'linked') continue;
      report.petitions++;
      report.suggested += r.suggested.length;
      report.removed += r.removed.length;
    }
    after = page[page.length - 1]!.id;
    if (page.length < pageSize) break;
  }
  report.ms = Math.round(performance.now() - t0);
  deps.log.info(report, 'petitions relinked');
  return report;
}

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

export interface Names {
  nameKk: string;
  nameRu: string;
  nameEn: string;
}

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

const projectNames = { nameKk: nationalProjects.nameKk, nameRu: nationalProjects.nameRu, nameEn: nationalProjects.nameEn };

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

// =============================================================================================
// Public reads

export interface PriorityRef extends Names {
  code: string;
}

export interface IndicatorView extends Names {
  id: number;
  unit: string | null;
  baseline: number | null;
  baselineYear: number | null;
  target: number | null;
  targetYear: number | null;
  currentValue: number | null;
  currentAsOf: string | null;
  source: string | null;
  sortOrder: number;
  /** 0..1 from baseline to target (indicatorProgress), null when it cannot be computed. */
  progress: number | null;
  reached: boolean;
}

export interface LinkedPetition {
  id: string;
  number: number;
  title: string;
  state: PetitionState;
  decision: string | null;
  answeredAt: Date | null;
  /** When the office confirmed the link. */
  linkedAt: Date | null;
  /** Valid signatures (as last counted). */
  signatures: number;
}

export interface CategoryRef extends Names {
  code: string;
}

/**
 * Local reports related to a project through their categories (category_projects): counts per
 * category over the last RELATED_REPORTS_DAYS days, by status group (app/domain/reports/groups.ts).
 */
export interface RelatedReports {
  windowDays: number;
  categories: CategoryCounts[];
  totals: { open: number; answered: number; fixed: number; total: number };
}

export const RELATED_REPORTS_DAYS = 90;

export interface ProjectPage extends Names {
  code: string;
  summaryEn: string | null;
  period: string;
  status: string;
  laterStatus: string | null;
  responsibleBodies: string[];
  sources: string[];
  verification: string;
  updatedAt: Date;
  priority: PriorityRef | null;
  indicators: IndicatorView[];
  /** Confirmed links to petitions the public may see, most recently linked first (at most PROJECT_PAGE_PETITIONS). */
  petitions: LinkedPetition[];
  counts: { linked: number; answered: number; accepted: number };
  /** Report categories that concern the project (category_projects). */
  categories: CategoryRef[];
  reports: RelatedReports;
  followers: number;
}

function priorityRef(p: typeof nationalPriorities.$inferSelect | null): PriorityRef | null {
  return p ? { code: p.code, nameKk: p.nameKk ?? p.nameRu, nameRu: p.nameRu, nameEn: p.nameEn } : null;
}

export function toIndicatorView(r: typeof projectIndicators.$inferSelect): IndicatorView {
  return {
    id: r.id,
    nameKk: r.nameKk,
    nameRu: r.nameRu,
    nameEn: r.nameEn,
    unit: r.unit,
    baseline: r.baseline,
    baselineYear: r.baselineYear,
    target: r.target,
    targetYear: r.targetYear,
    currentValue: r.currentValue,
    currentAsOf: r.currentAsOf === null ? null : String(r.currentAsOf),
    source: r.source,
    sortOrder: r.sortOrder,
    progress: indicatorProgress(r),
    reached: indicatorReached(r),
  };
}

const publicLink = and(eq(petitionProjectLinks.status, 'confirmed'), inArray(petitions.state, [...PUBLIC_LINK_STATES]));

/** The indicators of a project in their order. */
export async function listIndicators(deps: Pick<Deps, 'db'>, code: string): Promise<IndicatorView[]> {
  const rows = await deps.db
    .select()
    .from(projectIndicators)
    .where(eq(projectIndicators.projectCode, code))
    .orderBy(asc(projectIndicators.sortOrder), asc(projectIndicators.id));
  return rows.map(toIndicatorView);
}

/** Report counts per category of the project (category_projects) over the last RELATED_REPORTS_DAYS days. */
export async function listRelatedReports(deps: Pick<Deps, 'db' | 'clock'>, code: string): Promise<RelatedReports> {
  const cats = await deps.db
    .select({ code: categoryProjects.categoryCode })
    .from(categoryProjects)
    .innerJoin(issueCategories, eq(issueCategories.code, categoryProjects.categoryCode))
    .where(eq(categoryProjects.projectCode, code))
    .orderBy(asc(issueCategories.sortOrder));
  const since = new Date(deps.clock.now().getTime() - RELATED_REPORTS_DAYS * 86_400_000);
  const categories = await reportCountsByCategory(
    deps,
    cats.map((c) => c.code),
    since,
  );
  const totals = { open: 0, answered: 0, fixed: 0, total: 0 };
  for (const c of categories) {
    totals.open += c.open;
    totals.answered += c.answered;
    totals.fixed += c.fixed;
    totals.total += c.total;
  }
  return { windowDays: RELATED_REPORTS_DAYS, categories, totals };
}

/** A national project's public page; null for an unknown code. */
export async function getProjectPage(deps: Pick<Deps, 'db' | 'clock'>, code: string): Promise<ProjectPage | null> {
  const [row] = await deps.db
    .select({ project: nationalProjects, priority: nationalPriorities })
    .from(nationalProjects)
    .leftJoin(nationalPriorities, eq(nationalPriorities.code, nationalProjects.priorityCode))
    .where(eq(nationalProjects.code, code));
  if (!row) return null;
  const p = row.project;
  const [indicators, linked, [counts], categories, reports, [followers]] = await Promise.all([
    listIndicators(deps, code),
    deps.db
      .select({
        id: petitions.id,
        number: petitions.number,
        title: petitionVersions.title,
        state: petitions.state,
        decision: petitions.decision,
        answeredAt: petitions.answeredAt,
        linkedAt: petitionProjectLinks.decidedAt,
        signatures: petitionCounts.valid,
      })
      .from(petitionProjectLinks)
      .innerJoin(petitions, eq(petitions.id, petitionProjectLinks.petitionId))
      .innerJoin(petitionVersions, eq(petitionVersions.id, petitions.currentVersionId))
      .leftJoin(petitionCounts, eq(petitionCounts.petitionId, petitions.id))
      .where(and(eq(petitionProjectLinks.projectCode, code), publicLink))
      .orderBy(desc(petitionProjectLinks.decidedAt), desc(petitions.number))
      .limit(PROJECT_PAGE_PETITIONS),
    deps.db
      .select({
        linked: count(),
        answered: sql<number>`count(*) filter (where ${petitions.state} = 'answered')::int`,
        accepted: sql<number>`count(*) filter (where ${petitions.decision} in ('accepted', 'partially-accepted'))::int`,
      })
      .from(petitionProjectLinks)
      .innerJoin(petitions, eq(petitions.id, petitionProjectLinks.petitionId))
      .where(and(eq(petitionProjectLinks.projectCode, code), publicLink)),
    deps.db
      .select({ code: issueCategories.code, nameKk: issueCategories.nameKk, nameRu: issueCategories.nameRu, nameEn: issueCategories.nameEn })
      .from(categoryProjects)
      .innerJoin(issueCategories, eq(issueCategories.code, categoryProjects.categoryCode))
      .where(eq(categoryProjects.projectCode, code))
      .orderBy(asc(issueCategories.sortOrder)),
    listRelatedReports(deps, code),
    deps.db
      .select({ n: count() })
      .from(follows)
      .where(and(eq(follows.subjectType, 'project'), eq(follows.subjectId, code))),
  ]);
  return {
    code: p.code,
    nameKk: p.nameKk,
    nameRu: p.nameRu,
    nameEn: p.nameEn,
    summaryEn: p.summaryEn,
    period: p.period,
    status: p.status,
    laterStatus: p.laterStatus,
    responsibleBodies: p.responsibleBodies,
    sources: p.sources,
    verification: p.verification,
    updatedAt: p.updatedAt,
    priority: priorityRef(row.priority),
    indicators,
    petitions: linked.map((l) => ({ ...l, state: l.state as PetitionState, signatures: l.signatures ?? 0 })),
    counts: { linked: Number(counts?.linked ?? 0), answered: Number(counts?.answered ?? 0), accepted: Number(counts?.accepted ?? 0) },
    categories,
    reports,
    followers: Number(followers?.n ?? 0),
  };
}

export interface ProjectCard extends Names {
  code: string;
  period: string;
  status: string;
  priorityCode: string | null;
  /** Confirmed links to public petitions; of them answered. */
  linked: number;
  answered: number;
  indicators: number;
}

export interface PriorityGroup {
  /** null: projects not tied to a national priority. */
  priority: (PriorityRef & { direction: string | null }) | null;
  projects: ProjectCard[];
}

export interface ProjectsOverview {
  groups: PriorityGroup[];
  /** Every project, active first, in editorial order. */
  projects: ProjectCard[];
}

/** Priorities with their projects, each with its count of publicly linked (and answered) petitions. */
export async function listProjectsWithCounts(deps: Pick<Deps, 'db'>): Promise<ProjectsOverview> {
  const linkCounts = deps.db
    .select({
      code: petitionProjectLinks.projectCode,
      linked: sql<number>`count(*)::int`.as('linked'),
      answered: sql<number>`(count(*) filter (where ${petitions.state} = 'answered'))::int`.as('answered'),
    })
    .from(petitionProjectLinks)
    .innerJoin(petitions, eq(petitions.id, petitionProjectLinks.petitionId))
    .where(publicLink)
    .groupBy(petitionProjectLinks.projectCode)
    .as('link_counts');
  const indicatorCounts = deps.db
    .select({ code: projectIndicators.projectCode, n: sql<number>`count(*)::int`.as('n') })
    .from(projectIndicators)
    .groupBy(projectIndicators.projectCode)
    .as('indicator_counts');
  const [rows, priorities] = await Promise.all([
    deps.db
      .select({
        code: nationalProjects.code,
        nameKk: nationalProjects.nameKk,
        nameRu: nationalProjects.nameRu,
        nameEn: nationalProjects.nameEn,
        period: nationalProjects.period,
        status: nationalProjects.status,
        priorityCode: nationalProjects.priorityCode,
        linked: sql<number>`coalesce(${linkCounts.linked}, 0)::int`,
        answered: sql<number>`coalesce(${linkCounts.answered}, 0)::int`,
        indicators: sql<number>`coalesce(${indicatorCounts.n}, 0)::int`,
      })
      .from(nationalProjects)
      .leftJoin(linkCounts, eq(linkCounts.code, nationalProjects.code))
      .leftJoin(indicatorCounts, eq(indicatorCounts.code, nationalProjects.code))
      .orderBy(asc(sql`case when ${nationalProjects.status} = 'active' then 0 else 1 end`), asc(nationalProjects.sortOrder), asc(nationalProjects.code)),
    deps.db.select().from(nationalPriorities).orderBy(asc(nationalPriorities.code)),
  ]);
  const projects: ProjectCard[] = rows.map((r) => ({ ...r, linked: Number(r.linked), answered: Number(r.answered), indicators: Number(r.indicators) }));
  const groups: PriorityGroup[] = priorities
    .map((pr) => ({ priority: { ...priorityRef(pr)!, direction: pr.direction }, projects: projects.filter((p) => p.priorityCode === pr.code) }))
    .filter((g) => g.projects.length > 0);
  const orphans = projects.filter((p) => !p.priorityCode || !priorities.some((pr) => pr.code === p.priorityCode));
  if (orphans.length > 0) groups.push({ priority: null, projects: orphans });
  return { groups, projects };
}

/** The national priorities (for choosing a project's priority), by code. */
export async function listPriorities(deps: Pick<Deps, 'db'>): Promise<PriorityRef[]> {
  const rows = await deps.db.select().from(nationalPriorities).orderBy(asc(nationalPriorities.code));
  return rows.map((r) => priorityRef(r)!);
}

export interface PetitionProject extends Names {
  code: string;
  status: string;
  linkedAt: Date | null;
}

/** The projects a petition is linked to (confirmed links only): for the petition page. */
export async function listPetitionProjects(deps: Pick<Deps, 'db'>, petitionId: string): Promise<PetitionProject[]> {
  return deps.db
    .select({ code: nationalProjects.code, status: nationalProjects.status, linkedAt: petitionProjectLinks.decidedAt, ...projectNames })
    .from(petitionProjectLinks)
    .innerJoin(nationalProjects, eq(nationalProjects.code, petitionProjectLinks.projectCode))
    .where(and(eq(petitionProjectLinks.petitionId, petitionId), eq(petitionProjectLinks.status, 'confirmed')))
    .orderBy(asc(nationalProjects.sortOrder));
}

// =============================================================================================
// Open data: /api/v1/projects and /api/v1/projects/{code}

/**
 * What the open data says about a project and its links, and nothing more: no account, no
 * decider, no office note, no score (suggestions are not public). Petitions are those with a
 * confirmed link in PUBLIC_LINK_STATES, with their public facts only.
 */
export interface NamesTriple {
  kk: string;
  ru: string;
  en: string;
}

export interface PublicProject {
  code: string;
  url: string;
  api_url: string;
  names: NamesTriple;
  summary_en: string | null;
  period: string;
  status: string;
  priority: { code: string; names: NamesTriple } | null;
  responsible_bodies: string[];
  petitions: { linked: number; answered: number };
  updated_at: string;
}

export interface PublicIndicator {
  names: NamesTriple;
  unit: string | null;
  baseline: number | null;
  baseline_year: number | null;
  target: number | null;
  target_year: number | null;
  current: number | null;
  current_as_of: string | null;
  progress: number | null;
  source: string | null;
}

export interface PublicLinkedPetition {
  id: string;
  number: number;
  url: string;
  api_url: string;
  title: string;
  state: string;
  decision: string | null;
  answered_at: string | null;
  linked_at: string | null;
  signatures: number;
}

export interface PublicProjectDetail extends PublicProject {
  indicators: PublicIndicator[];
  linked_petitions: PublicLinkedPetition[];
  report_categories: { code: string; names: NamesTriple }[];
  sources: string[];
  verification: string;
}

export interface PublicProjectList {
  data: PublicProject[];
  meta: { total: number };
}

const triple = (n: Names): NamesTriple => ({ kk: n.nameKk, ru: n.nameRu, en: n.nameEn });
const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

function originOf(publicOrigin: string): string {
  return publicOrigin.replace(/\/+$/, '');
}

/** Every project with its counts of publicly linked petitions. */
export async function listPublicProjects(deps: Pick<Deps, 'db'>, opts: { publicOrigin: string }): Promise<PublicProjectList> {
  const o = originOf(opts.publicOrigin);
  const [overview, all, priorities] = await Promise.all([
    listProjectsWithCounts(deps),
    deps.db.select({ code: nationalProjects.code, summaryEn: nationalProjects.summaryEn, responsible: nationalProjects.responsibleBodies, updatedAt: nationalProjects.updatedAt }).from(nationalProjects),
    deps.db.select().from(nationalPriorities),
  ]);
  const extra = new Map(all.map((r) => [r.code, r]));
  const prio = new Map(priorities.map((p) => [p.code, priorityRef(p)!]));
  const data = overview.projects.map((p): PublicProject => {
    const x = extra.get(p.code)!;
    const pr = p.priorityCode ? prio.get(p.priorityCode) : undefined;
    return {
      code: p.code,
      url: `${o}/projects/${encodeURIComponent(p.code)}`,
      api_url: `${o}/api/v1/projects/${encodeURIComponent(p.code)}`,
      names: triple(p),
      summary_en: x.summaryEn,
      period: p.period,
      status: p.status,
      priority: pr ? { code: pr.code, names: triple(pr) } : null,
      responsible_bodies: x.responsible,
      petitions: { linked: p.linked, answered: p.answered },
      updated_at: new Date(x.updatedAt).toISOString(),
    };
  });
  return { data, meta: { total: data.length } };
}

/** One project with its indicators and its publicly linked petitions; null for an unknown code. */
export async function getPublicProject(deps: Pick<Deps, 'db' | 'clock'>, code: string, opts: { publicOrigin: string }): Promise<PublicProjectDetail | null> {
  if (!PROJECT_CODE.test(code)) return null;
  const page = await getProjectPage(deps, code);
  if (!page) return null;
  const o = originOf(opts.publicOrigin);
  return {
    code: page.code,
    url: `${o}/projects/${encodeURIComponent(page.code)}`,
    api_url: `${o}/api/v1/projects/${encodeURIComponent(page.code)}`,
    names: triple(page),
    summary_en: page.summaryEn,
    period: page.period,
    status: page.status,
    priority: page.priority ? { code: page.priority.code, names: triple(page.priority) } : null,
    responsible_bodies: page.responsibleBodies,
    petitions: { linked: page.counts.linked, answered: page.counts.answered },
    updated_at: new Date(page.updatedAt).toISOString(),
    indicators: page.indicators.map((i) => ({
      names: triple(i),
      unit: i.unit,
      baseline: i.baseline,
      baseline_year: i.baselineYear,
      target: i.target,
      target_year: i.targetYear,
      current: i.currentValue,
      current_as_of: i.currentAsOf,
      progress: i.progress === null ? null : Math.round(i.progress * 1000) / 1000,
      source: i.source,
    })),
    linked_petitions: page.petitions.map((p) => ({
      id: p.id,
      number: p.number,
      url: `${o}/petitions/${p.id}`,
      api_url: `${o}/api/v1/petitions/${p.id}`,
      title: p.title,
      state: p.state,
      decision: p.decision,
      answered_at: iso(p.answeredAt),
      linked_at: iso(p.linkedAt),
      signatures: p.signatures,
    })),
    report_categories: page.categories.map((c) => ({ code: c.code, names: triple(c) })),
    sources: page.sources,
    verification: page.verification,
  };
}

// =============================================================================================
// Followers

export const FOLLOW_SUBJECTS = ['project', 'petition'] as const;
export type FollowSubject = (typeof FOLLOW_SUBJECTS)[number];

const FollowInput = z.object({ type: z.enum(FOLLOW_SUBJECTS), id: z.string().trim().min(1).max(64) });

/** A signed-in person follows a project (by code) or a petition (by id): told when a linked petition is answered. */
export async function followSubject(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor | null, input: unknown): Promise<{ kind: 'following' } | Refusal<'not-found'>> {
  if (!actor) throw new ForbiddenError('forbidden.follow');
  const parsed = FollowInput.safeParse(input);
  if (!parsed.success) return { kind: 'refused', reason: 'not-found' };
  const { type, id } = parsed.data;
  const exists =
    type === 'project'
      ? (await deps.db.select({ code: nationalProjects.code }).from(nationalProjects).where(eq(nationalProjects.code, id))).length > 0
      : /^[0-9a-f-]{36}$/i.test(id) && (await deps.db.select({ id: petitions.id }).from(petitions).where(eq(petitions.id, id.toLowerCase()))).length > 0;
  if (!exists) return { kind: 'refused', reason: 'not-found' };
  await deps.db
    .insert(follows)
    .values({ accountId: actor.accountId, subjectType: type, subjectId: type === 'petition' ? id.toLowerCase() : id, createdAt: deps.clock.now() })
    .onConflictDoNothing();
  return { kind: 'following' };
}

/** Stops following (no error when the person did not follow). */
export async function unfollowSubject(deps: Pick<Deps, 'db'>, actor: Actor | null, input: unknown): Promise<{ kind: 'not-following' }> {
  if (!actor) throw new ForbiddenError('forbidden.follow');
  const parsed = FollowInput.safeParse(input);
  if (parsed.success) {
    const id = parsed.data.type === 'petition' ? parsed.data.id.toLowerCase() : parsed.data.id;
    await deps.db
      .delete(follows)
      .where(and(eq(follows.accountId, actor.accountId), eq(follows.subjectType, parsed.data.type), eq(follows.subjectId, id)));
  }
  return { kind: 'not-following' };
}

export async function isFollowing(deps: Pick<Deps, 'db'>, accountId: string, type: FollowSubject, id: string): Promise<boolean> {
  const rows = await deps.db
    .select({ a: follows.accountId })
    .from(follows)
    .where(and(eq(follows.accountId, accountId), eq(follows.subjectType, type), eq(follows.subjectId, id)))
    .limit(1);
  return rows.length > 0;
}

/** The notification template of notifyProjectFollowers (its kk/ru/en strings live under notify.projectPetitionAnswered). */
export const PROJECT_FOLLOWER_TEMPLATE: string = 'projectPetitionAnswered';

const LOCALES = ['kk', 'ru', 'en'] as const;
type Locale = (typeof LOCALES)[number];

/**
 * When a petition linked to national projects is answered: an in-app notification to everyone who
 * follows one of those projects or the petition itself. Call in the transaction that records the
 * answer (next to the signers' notification). Rules:
 *   - only confirmed links count; a petition with none notifies nobody here;
 *   - each person is told once, whatever they follow, and however often this is called for the petition;
 *   - signers who asked to hear of the outcome are left out (they get `petitionOutcome` already);
 *   - disabled accounts are left out;
 *   - params: name (the recipient's display name), title, number, decision, path (/petitions/<id>)
 *     and `projects` (the linked projects' names in the recipient's language, joined with "; ").
 * Returns the number of notifications created.
 */
export async function notifyProjectFollowers(tx: Db, petitionId: string): Promise<number> {
  const [p] = await tx
    .select({ id: petitions.id, number: petitions.number, decision: petitions.decision, title: petitionVersions.title })
    .from(petitions)
    .innerJoin(petitionVersions, eq(petitionVersions.id, petitions.currentVersionId))
    .where(eq(petitions.id, petitionId));
  if (!p) return 0;
  const projects = await tx
    .select({ code: nationalProjects.code, ...projectNames })
    .from(petitionProjectLinks)
    .innerJoin(nationalProjects, eq(nationalProjects.code, petitionProjectLinks.projectCode))
    .where(and(eq(petitionProjectLinks.petitionId, petitionId), eq(petitionProjectLinks.status, 'confirmed')))
    .orderBy(asc(nationalProjects.sortOrder));
  if (projects.length === 0) return 0;
  const followers = await tx
    .selectDistinct({ id: accounts.id, locale: accounts.locale, name: accounts.displayName })
    .from(follows)
    .innerJoin(accounts, sql`${accounts.id} = ${follows.accountId}`)
    .where(
      and(
        sql`${accounts.disabledAt} is null`,
        sql`((${follows.subjectType} = 'project' and ${inArray(follows.subjectId, projects.map((x) => x.code))}) or (${follows.subjectType} = 'petition' and ${follows.subjectId} = ${petitionId}))`,
        sql`not exists (select 1 from ${signatures} s where s.petition_id = ${petitionId} and s.account_id = ${accounts.id} and s.notify_on_outcome and s.withdrawn_at is null)`,
        // Told already (a second call for the same answer sends nothing).
        sql`not exists (select 1 from ${notifications} n where n.recipient_ref = ${accounts.id}::text and n.template = ${PROJECT_FOLLOWER_TEMPLATE} and n.params->>'path' = ${`/petitions/${petitionId}`})`,
      ),
    )
    .orderBy(asc(accounts.id));
  for (const f of followers) {
    const locale: Locale = (LOCALES as readonly string[]).includes(f.locale) ? (f.locale as Locale) : 'kk';
    const names = projects.map((x) => (locale === 'kk' ? x.nameKk : locale === 'ru' ? x.nameRu : x.nameEn)).join('; ');
    await createNotification(tx, {
      channel: 'in_app',
      recipientRef: f.id,
      locale,
      // A template the lead registers in TEMPLATES (notify.server.ts) with its strings; see the report.
      template: PROJECT_FOLLOWER_TEMPLATE as Template,
      params: { name: f.name, title: p.title, number: p.number, decision: p.decision ?? '', path: `/petitions/${p.id}`, projects: names },
    });
  }
  return followers.length;
}
