import { z } from 'zod';
import { VISIBLE_PUBLICLY, type PetitionState } from '../petitions/states';
import { contentTokens, type ExampleText, type MatchedTerm, type Suggestion } from './linking';

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
