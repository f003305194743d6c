/**
 * Offline scorer that suggests which national projects a petition concerns.
 *
 * PROFILES. Each project gets a profile: a list of weighted terms (a word or a phrase), grouped in
 * concepts, from
 *  - its lexicon (dauys_project_lexicons.json): concept weight w_c (1..3), source weight 1;
 *  - its names (kk/ru/en): every content word, source weight `sourceWeights.name`;
 *  - its English summary and key indicators: every content word, `sourceWeights.summary` / `.indicator`;
 *  - example texts (confirmed petitions, optional): every content word, `sourceWeights.example`.
 * Words of names, summaries, indicators and examples form one pseudo-concept per stem.
 * Editorial notes in parentheses ("official title to be confirmed") are dropped from names, and
 * words that say nothing about a topic (national, project, aimed at, new, every, ...) are not taken
 * from names, summaries and indicators (`GENERIC_PROFILE_WORDS`, compared by stem).
 *
 * FEATURES. Texts and terms are tokenised, language-tagged per token, stemmed (Snowball ru/en, a
 * light Kazakh stripper) and folded to keys (see analyze.ts). A petition word matches a term word
 *  - exactly when one of its keys equals the term key (sim = 1), or
 *  - fuzzily when their romanised character 3..5-gram sets have a high Dice coefficient and both
 *    start alike (first two letters): sim = `fuzzyFactor` * Dice. Kazakh (or undecided Cyrillic)
 *    petition words need Dice >= `fuzzyMin`; Russian and English words, whose Snowball stems are
 *    reliable, match fuzzily only terms of another language, with Dice >= `fuzzyCrossMin`. This
 *    bridges Kazakh morphology the light stripper leaves (патрулін ~ патруль) and transliteration
 *    between scripts (doctor ~ доктор), without linking unrelated words of one language.
 * A phrase term matches when all its words match distinct petition words of one sentence, at most
 * (number of words) content positions apart, in any order; its sim is the smallest word sim,
 * and its weight is w * (1 + `phraseBonus` * (words - 1)) because a phrase is more specific.
 *
 * SCORE (BM25 with the profile as the document and the petition as the query; b = 0, because
 * profiles are curated, not sampled):
 *   idf(t)   = ln(1 + (N - n_t + 0.5) / (n_t + 0.5))   N = number of profiles, n_t = profiles containing
 *              the term's key (for a phrase: the whole phrase)
 *   each content position of the petition is credited to at most one term per project: the one
 *   with the highest w * idf * sim (phrases first on ties);
 *   tf_c     = sum of sim over the matches credited to concept c
 *   raw(P)   = sum over concepts c of P:  w_c * idf_c * (k1 + 1) * tf_c / (tf_c + k1)
 *              (idf_c = the highest idf among c's matches; k1 saturates repeated mentions)
 *   score(P) = 1 - exp(-raw(P) / scale)       in [0, 1); monotone in raw, comparable across texts
 * Suggested: candidate projects (active ones, closed too with `includeClosed`) with enough evidence
 * (at least `minEvidence` matched petition words, exact = 1, fuzzy = 0.5: one incidental word such
 * as "police" in a neighbours' dispute is not enough), a score of at least `threshold`, and at least
 * `relativeCutoff` times the best such score; best first, at most `maxSuggestions`. A petition that
 * matches nothing, or only weakly, gets no suggestion.
 */
import { contentTokens, termKeys, type TermToken } from './analyze';
import { type ProjectLexicons } from './lexicon';
import { stem } from './stem';
import { charNgrams, foldKey, romanize, type Lang } from './text';

/** What the linker needs of a project (a `national_projects` row fits). */
export interface LinkableProject {
  code: string;
  /** 'active' or 'closed'. */
  status: string;
  nameKk: string;
  nameRu: string;
  nameEn: string;
  summaryEn?: string | null;
  keyIndicators?: readonly string[] | null;
}

/** A petition confirmed as belonging to a project, used to enrich that project's profile. */
export interface ExampleText {
  code: string;
  text: string;
}

export interface LinkerOptions {
  /** Minimum score for a suggestion (default 0.5: one relevant lexicon term, or two contextual ones). */
  threshold?: number;
  /** A suggestion must also reach this share of the best score (default 0.4). */
  relativeCutoff?: number;
  /** At most this many suggestions (default 3). */
  maxSuggestions?: number;
  /** Also suggest closed projects (default false). */
  includeClosed?: boolean;
  /** BM25 term-frequency saturation (default 1.2). */
  k1?: number;
  /** raw score that maps to 1 - 1/e ≈ 0.63 (default 6). */
  scale?: number;
  /** Minimum Dice of char n-grams for a fuzzy match (default 0.6). */
  fuzzyMin?: number;
  /** Discount of a fuzzy match (default 0.8). */
  fuzzyFactor?: number;
  /** Minimum Dice for a fuzzy match between a Russian or English word and a term of another language (default 0.8). */
  fuzzyCrossMin?: number;
  /**
   * Minimum evidence for a suggestion (default 2): petition words matched, an exact match counting 1
   * and a fuzzy one 0.5 (a phrase counts its words). One incidental word is not enough.
   */
  minEvidence?: number;
  /** Extra weight per additional word of a phrase term (default 0.25: a 2-word phrase weighs 1.25 w). */
  phraseBonus?: number;
  /** Weights of the words of names, summary, indicators and example texts (lexicon terms carry their concept weight). */
  sourceWeights?: Partial<Record<Exclude<TermSource, 'lexicon'>, number>>;
}

export type TermSource = 'lexicon' | 'name' | 'summary' | 'indicator' | 'example';

export interface MatchedTerm {
  /** Lexicon concept id, or the source for words of names, summary, indicators, examples. */
  concept: string;
  source: TermSource;
  /** The profile term as written (a lexicon term, or a word of the name/summary/...). */
  term: string;
  termLang: Lang;
  /** The petition's words that matched, as written in the petition. */
  words: string[];
  match: 'exact' | 'fuzzy';
  /** This match's part of the raw score. */
  contribution: number;
}

export interface ProjectScore {
  code: string;
  /** 0..1, see the module comment. */
  score: number;
  raw: number;
  /** Petition words matched (exact 1, fuzzy 0.5); see `minEvidence`. */
  evidence: number;
  /** Matched terms, largest contribution first. */
  matched: MatchedTerm[];
}

export type Suggestion = ProjectScore;

export interface Linker {
  /** Suggestions for a petition text: above the threshold, best first. */
  score(text: string): Suggestion[];
  /** Every candidate project's score for the text (also those below the threshold), best first. */
  scoreAll(text: string): ProjectScore[];
  /** One project's score and matches for the text (any known project, candidate or not); null for an unknown code. */
  explain(text: string, code: string): ProjectScore | null;
  /** Codes of the projects that can be suggested. */
  readonly candidates: readonly string[];
  readonly options: Readonly<ResolvedOptions>;
  /** Data problems noticed while building (unknown codes, terms reduced to nothing, ...). */
  readonly warnings: readonly string[];
  readonly stats: { profiles: number; terms: number; keys: number };
}

type ResolvedOptions = Required<Omit<LinkerOptions, 'sourceWeights'>> & {
  sourceWeights: Record<Exclude<TermSource, 'lexicon'>, number>;
};

export const DEFAULT_LINKER_OPTIONS: Readonly<ResolvedOptions> = Object.freeze({
  threshold: 0.5,
  relativeCutoff: 0.4,
  maxSuggestions: 3,
  includeClosed: false,
  k1: 1.2,
  scale: 6,
  fuzzyMin: 0.6,
  fuzzyFactor: 0.8,
  fuzzyCrossMin: 0.8,
  minEvidence: 2,
  phraseBonus: 0.25,
  sourceWeights: Object.freeze({ name: 0.6, summary: 0.3, indicator: 0.3, example: 0.5 }),
});

interface Term {
  code: string;
  concept: string;
  source: TermSource;
  weight: number;
  text: string;
  lang: Lang;
  keys: string[];
  idf: number;
}

interface KeyHit {
  pos: number;
  sentence: number;
  sim: number;
  fuzzy: boolean;
}

interface Candidate {
  term: Term;
  positions: number[];
  sim: number;
  fuzzy: boolean;
  value: number;
}

/** Words of names, summaries and indicators that say nothing about a project's topic (matched by key). */
const GENERIC_PROFILE_WORDS = (
  `national project projects programme development modern new every all total share stable open close closed
  later via incl including areas area directions direction tasks objectives target targets reached aimed improving
  funding fund billion million trillion kzt bn trn by to from республики казахстан национальный проект проекты
  развитие развития годы годах направленный каждого ұлттық жоба жобасы жобалар дамыту дамуы арналған бағытталған
  жылдарға жылдар есебінен әрбір қазақстан республикасы`
).split(/\s+/);
const GENERIC_PROFILE_KEYS = new Set(
  GENERIC_PROFILE_WORDS.filter(Boolean).flatMap((w) => (['kk', 'ru', 'en'] as const).map((l) => foldKey(stem(w, l)))),
);

const EDITORIAL_NOTE = /\([^)]*(?:title|not found|confirm|уточня|нақтыла)[^)]*\)/giu;

function resolveOptions(o: LinkerOptions | undefined): ResolvedOptions {
  const d = DEFAULT_LINKER_OPTIONS;
  return {
    threshold: o?.threshold ?? d.threshold,
    relativeCutoff: o?.relativeCutoff ?? d.relativeCutoff,
    maxSuggestions: o?.maxSuggestions ?? d.maxSuggestions,
    includeClosed: o?.includeClosed ?? d.includeClosed,
    k1: o?.k1 ?? d.k1,
    scale: o?.scale ?? d.scale,
    fuzzyMin: o?.fuzzyMin ?? d.fuzzyMin,
    fuzzyFactor: o?.fuzzyFactor ?? d.fuzzyFactor,
    fuzzyCrossMin: o?.fuzzyCrossMin ?? d.fuzzyCrossMin,
    minEvidence: o?.minEvidence ?? d.minEvidence,
    phraseBonus: o?.phraseBonus ?? d.phraseBonus,
    sourceWeights: { ...d.sourceWeights, ...o?.sourceWeights },
  };
}

/** Builds the profiles and indexes once; scoring a text is then a few index look-ups. */
export function buildLinker(input: {
  projects: readonly LinkableProject[];
  lexicons: ProjectLexicons;
  examples?: readonly ExampleText[];
  options?: LinkerOptions;
}): Linker {
  const options = resolveOptions(input.options);
  const warnings: string[] = [];
  const codes = new Set(input.projects.map((p) => p.code));
  for (const code of Object.keys(input.lexicons)) {
    if (!codes.has(code)) warnings.push(`lexicon for unknown project ${code} ignored`);
  }

  // ---- profile terms
  const terms: Term[] = [];
  const seen = new Set<string>();
  const addTerm = (t: Omit<Term, 'idf'>) => {
    if (t.keys.length === 0) return;
    const id = `${t.code}|${t.source === 'lexicon' ? t.concept : t.source}|${t.keys.join(' ')}`;
    if (seen.has(id)) return;
    seen.add(id);
    terms.push({ ...t, idf: 0 });
  };
  const addWords = (code: string, source: Exclude<TermSource, 'lexicon'>, text: string, lang: Lang) => {
    const weight = options.sourceWeights[source];
    if (!(weight > 0)) return;
    for (const w of termKeys(text.replace(EDITORIAL_NOTE, ' '), lang)) {
      if (w.key.length < 3 || GENERIC_PROFILE_KEYS.has(w.key)) continue;
      addTerm({ code, concept: `${source}:${w.key}`, source, weight, text: w.word, lang, keys: [w.key] });
    }
  };

  for (const p of input.projects) {
    const lex = input.lexicons[p.code];
    if (!lex) warnings.push(`project ${p.code} has no lexicon: scored on its names and summary only`);
    for (const c of lex?.concepts ?? []) {
      for (const lang of ['kk', 'ru', 'en'] as const) {
        for (const text of c[lang]) {
          const keys = termKeys(text, lang).map((w) => w.key);
          if (keys.length === 0) warnings.push(`${p.code}/${c.id}: term "${text}" has only stop words; ignored`);
          const weight = c.weight * (1 + options.phraseBonus * Math.max(0, keys.length - 1));
          addTerm({ code: p.code, concept: c.id, source: 'lexicon', weight, text, lang, keys });
        }
      }
    }
    addWords(p.code, 'name', p.nameKk, 'kk');
    addWords(p.code, 'name', p.nameRu, 'ru');
    addWords(p.code, 'name', p.nameEn, 'en');
    if (p.summaryEn) addWords(p.code, 'summary', p.summaryEn, 'en');
    for (const ind of p.keyIndicators ?? []) addWords(p.code, 'indicator', ind, 'en');
  }
  for (const ex of input.examples ?? []) {
    if (!codes.has(ex.code)) {
      warnings.push(`example for unknown project ${ex.code} ignored`);
      continue;
    }
    for (const t of contentTokens(ex.text)) {
      const key = t.keys[0]!;
      if (key.length < 3) continue;
      addTerm({ code: ex.code, concept: `example:${key}`, source: 'example', weight: options.sourceWeights.example, text: t.norm, lang: t.lang, keys: [key] });
    }
  }

  // ---- document frequencies and idf
  const N = Math.max(1, input.projects.length);
  const projectsWithKey = new Map<string, Set<string>>();
  const projectsWithPhrase = new Map<string, Set<string>>();
  const note = (m: Map<string, Set<string>>, k: string, code: string) => {
    let s = m.get(k);
    if (!s) m.set(k, (s = new Set()));
    s.add(code);
  };
  for (const t of terms) {
    for (const k of t.keys) note(projectsWithKey, k, t.code);
    if (t.keys.length > 1) note(projectsWithPhrase, phraseId(t.keys), t.code);
  }
  const idf = (n: number) => Math.log(1 + (N - n + 0.5) / (n + 0.5));
  for (const t of terms) {
    const n = t.keys.length > 1 ? projectsWithPhrase.get(phraseId(t.keys))!.size : projectsWithKey.get(t.keys[0]!)!.size;
    t.idf = idf(n);
  }

  // ---- indexes: key -> (term, part); n-gram -> keys
  const byKey = new Map<string, { term: Term; part: number }[]>();
  const langsOfKey = new Map<string, Set<Lang>>();
  for (const t of terms) {
    t.keys.forEach((k, part) => {
      let langs = langsOfKey.get(k);
      if (!langs) langsOfKey.set(k, (langs = new Set()));
      langs.add(t.lang);
      let list = byKey.get(k);
      if (!list) byKey.set(k, (list = []));
      list.push({ term: t, part });
    });
  }
  const gramsOfKey = new Map<string, Set<string>>();
  const keysOfGram = new Map<string, string[]>();
  for (const k of byKey.keys()) {
    const r = romanize(k);
    if (r.length < 4) continue;
    const grams = charNgrams(r);
    gramsOfKey.set(k, grams);
    for (const g of grams) {
      let list = keysOfGram.get(g);
      if (!list) keysOfGram.set(g, (list = []));
      list.push(k);
    }
  }

  /** Index keys that look like `key` (Dice >= fuzzyMin), with their Dice; cached. */
  const fuzzyCache = new Map<string, { key: string; dice: number }[]>();
  const neighbours = (key: string): { key: string; dice: number }[] => {
    const cached = fuzzyCache.get(key);
    if (cached) return cached;
    const out: { key: string; dice: number }[] = [];
    const r = romanize(key);
    if (r.length >= 4) {
      const grams = charNgrams(r);
      const shared = new Map<string, number>();
      for (const g of grams) for (const k of keysOfGram.get(g) ?? []) shared.set(k, (shared.get(k) ?? 0) + 1);
      for (const [k, n] of shared) {
        if (k === key) continue;
        const kg = gramsOfKey.get(k)!;
        const d = (2 * n) / (grams.size + kg.size);
        if (d >= options.fuzzyMin && romanize(k).slice(0, 2) === r.slice(0, 2)) out.push({ key: k, dice: d });
      }
    }
    if (fuzzyCache.size > 50_000) fuzzyCache.clear();
    fuzzyCache.set(key, out);
    return out;
  };

  const candidateCodes = input.projects.filter((p) => options.includeClosed || p.status === 'active').map((p) => p.code);

  // ---- scoring
  function scoreProjects(text: string): Map<string, ProjectScore> {
    const tokens = contentTokens(text);
    // term -> part -> hits
    const hits = new Map<Term, KeyHit[][]>();
    tokens.forEach((tok, pos) => {
      const keySims = matchKeys(tok);
      for (const [key, m] of keySims) {
        for (const { term, part } of byKey.get(key) ?? []) {
          let parts = hits.get(term);
          if (!parts) hits.set(term, (parts = term.keys.map(() => [])));
          const list = parts[part]!;
          const prev = list.find((h) => h.pos === pos);
          if (!prev) list.push({ pos, sentence: tok.sentence, sim: m.sim, fuzzy: m.fuzzy });
          else if (m.sim > prev.sim) Object.assign(prev, { sim: m.sim, fuzzy: m.fuzzy });
        }
      }
    });

    const byProject = new Map<string, Candidate[]>();
    for (const [term, parts] of hits) {
      for (const occ of occurrences(parts, term.keys.length)) {
        const c: Candidate = { term, ...occ, value: term.weight * term.idf * occ.sim };
        let list = byProject.get(term.code);
        if (!list) byProject.set(term.code, (list = []));
        list.push(c);
      }
    }

    const out = new Map<string, ProjectScore>();
    for (const [code, cands] of byProject) {
      cands.sort((a, b) => b.value - a.value || b.positions.length - a.positions.length);
      const used = new Set<number>();
      const concepts = new Map<string, { weight: number; idf: number; tf: number; accepted: Candidate[] }>();
      for (const c of cands) {
        if (c.positions.some((p) => used.has(p))) continue;
        for (const p of c.positions) used.add(p);
        const id = c.term.concept;
        const agg = concepts.get(id) ?? { weight: c.term.weight, idf: 0, tf: 0, accepted: [] };
        agg.idf = Math.max(agg.idf, c.term.idf);
        agg.weight = Math.max(agg.weight, c.term.weight);
        agg.tf += c.sim;
        agg.accepted.push(c);
        concepts.set(id, agg);
      }
      let raw = 0;
      let evidence = 0;
      const matched: MatchedTerm[] = [];
      for (const [concept, agg] of concepts) {
        const contribution = (agg.weight * agg.idf * (options.k1 + 1) * agg.tf) / (agg.tf + options.k1);
        raw += contribution;
        const total = agg.accepted.reduce((s, c) => s + c.value, 0) || 1;
        for (const c of agg.accepted) {
          evidence += c.positions.length * (c.fuzzy ? 0.5 : 1);
          matched.push({
            concept: c.term.source === 'lexicon' ? concept : c.term.source,
            source: c.term.source,
            term: c.term.text,
            termLang: c.term.lang,
            words: c.positions.slice().sort((a, b) => a - b).map((p) => tokens[p]!.surface),
            match: c.fuzzy ? 'fuzzy' : 'exact',
            contribution: round((contribution * c.value) / total),
          });
        }
      }
      matched.sort((a, b) => b.contribution - a.contribution);
      out.set(code, { code, raw: round(raw), score: toScore(raw), evidence, matched });
    }
    return out;
  }

  function matchKeys(tok: TermToken): Map<string, { sim: number; fuzzy: boolean }> {
    const m = new Map<string, { sim: number; fuzzy: boolean }>();
    for (const k of tok.keys) if (byKey.has(k)) m.set(k, { sim: 1, fuzzy: false });
    const reliable = (tok.lang === 'ru' || tok.lang === 'en') && tok.langBy !== 'default';
    for (const k of tok.keys) {
      for (const n of neighbours(k)) {
        if (reliable) {
          if (n.dice < options.fuzzyCrossMin) continue;
          const langs = langsOfKey.get(n.key);
          if (!langs || (langs.size === 1 && langs.has(tok.lang))) continue;
        }
        const sim = options.fuzzyFactor * n.dice;
        const prev = m.get(n.key);
        if (!prev || prev.sim < sim) m.set(n.key, { sim, fuzzy: true });
      }
    }
    return m;
  }

  function toScore(raw: number): number {
    const s = 1 - Math.exp(-raw / options.scale);
    return Number.isFinite(s) ? round(Math.min(1, Math.max(0, s))) : 0;
  }

  function ranked(text: string, codesToRank: readonly string[]): ProjectScore[] {
    const all = scoreProjects(typeof text === 'string' ? text : '');
    return codesToRank
      .map((code) => all.get(code) ?? { code, score: 0, raw: 0, evidence: 0, matched: [] })
      .sort((a, b) => b.score - a.score || b.raw - a.raw || a.code.localeCompare(b.code));
  }

  return {
    candidates: candidateCodes,
    options,
    warnings,
    stats: { profiles: input.projects.length, terms: terms.length, keys: byKey.size },
    scoreAll: (text) => ranked(text, candidateCodes),
    score(text) {
      const list = ranked(text, candidateCodes).filter((s) => s.evidence >= options.minEvidence);
      const top = list[0]?.score ?? 0;
      return list
        .filter((s) => s.score > 0 && s.score >= options.threshold && s.score >= options.relativeCutoff * top)
        .slice(0, options.maxSuggestions);
    },
    explain(text, code) {
      if (!codes.has(code)) return null;
      return ranked(text, [code])[0] ?? null;
    },
  };
}

function phraseId(keys: readonly string[]): string {
  return [...keys].sort().join(' ');
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/**
 * Non-overlapping occurrences of a term from the hits of each of its parts. A phrase occurrence
 * takes distinct positions of one sentence, at most (parts) positions apart, in any order.
 */
function occurrences(parts: KeyHit[][], n: number): { positions: number[]; sim: number; fuzzy: boolean }[] {
  if (parts.some((p) => p.length === 0)) return [];
  if (n === 1) return parts[0]!.map((h) => ({ positions: [h.pos], sim: h.sim, fuzzy: h.fuzzy }));
  const span = n;
  const found: { positions: number[]; span: number; sim: number; fuzzy: boolean }[] = [];
  let budget = 500;
  const pick = (i: number, chosen: KeyHit[]) => {
    if (budget-- <= 0) return;
    if (i === parts.length) {
      const pos = chosen.map((h) => h.pos);
      found.push({ positions: pos, span: Math.max(...pos) - Math.min(...pos), sim: Math.min(...chosen.map((h) => h.sim)), fuzzy: chosen.some((h) => h.fuzzy) });
      return;
    }
    for (const h of parts[i]!) {
      if (chosen.some((c) => c.pos === h.pos || c.sentence !== h.sentence)) continue;
      const pos = [...chosen.map((c) => c.pos), h.pos];
      if (Math.max(...pos) - Math.min(...pos) > span) continue;
      pick(i + 1, [...chosen, h]);
    }
  };
  pick(0, []);
  found.sort((a, b) => b.sim - a.sim || a.span - b.span);
  const used = new Set<number>();
  const out: { positions: number[]; sim: number; fuzzy: boolean }[] = [];
  for (const f of found) {
    if (f.positions.some((p) => used.has(p))) continue;
    for (const p of f.positions) used.add(p);
    out.push({ positions: f.positions, sim: f.sim, fuzzy: f.fuzzy });
  }
  return out;
}
