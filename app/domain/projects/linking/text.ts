/**
 * Text normalisation and tokenisation for Kazakh, Russian, English and mixed Kazakh/Russian
 * petition texts. Pure functions, no dependencies.
 *
 * Normalisation (per token, see `normalizeWord`):
 *  - Unicode NFC, lower case; `ё` -> `е`; typographic apostrophes -> `'`;
 *  - Kazakh letters (ә ғ қ ң ө ұ ү һ і) are kept as they are;
 *  - inside a word that has Cyrillic letters, Latin look-alikes typed by mistake (a, c, e, i, o, p,
 *    x, y) are turned into their Cyrillic letters (`бiлiм` typed with a Latin `i` -> `білім`);
 *  - the upper-case acronym `IT` becomes `айти` (so that it is not the English pronoun "it").
 *
 * Language of a token (see `guessLanguages`), decided in this order:
 *  1. script: Latin -> `en` (or `kk` when it has letters of the Kazakh Latin alphabet: ä ö ü ğ ş ñ ū ı);
 *  2. letters: Cyrillic with a Kazakh-only letter -> `kk`; with ё/щ/ъ/ь/э -> `ru`;
 *  3. ending: a typical Russian or Kazakh inflection at the end of the word;
 *  4. context: the letter-decided words nearby in the same sentence (nearer ones count more), else
 *     the majority of the letter-decided words of the whole text;
 *  5. default: `ru`.
 * Tokens decided by 3-5 are ambiguous: the analyser also stems them in the other Cyrillic language.
 */

export type Lang = 'kk' | 'ru' | 'en';
export type LangEvidence = 'script' | 'letters' | 'ending' | 'context' | 'default';

export interface Token {
  /** The word exactly as written in the text. */
  surface: string;
  /** Normalised form (lower case, ё -> е, look-alikes fixed). */
  norm: string;
  /** Offsets of `surface` in the original text. */
  start: number;
  end: number;
  script: 'cyrillic' | 'latin' | 'mixed' | 'other';
  /** Index of the sentence (or line) the token is in; phrases never match across sentences. */
  sentence: number;
}

export interface LangToken extends Token {
  lang: Lang;
  langBy: LangEvidence;
}

const WORD = /[\p{L}\p{N}]+(?:['’ʼ`][\p{L}]+)*/gu;
const HAS_LETTER = /\p{L}/u;
const SENTENCE_BREAK = /[.!?;…]\s|\n/;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
const KAZAKH_LETTERS = /[әғқңөұүһі]/;
const RUSSIAN_LETTERS = /[ёщъьэ]/;
const KAZAKH_LATIN = /[äöüğşñūı]/;

const LOOKALIKE_TO_CYRILLIC: Record<string, string> = { a: 'а', c: 'с', e: 'е', i: 'і', o: 'о', p: 'р', x: 'х', y: 'у' };

/** Normalises one word (see the module comment). */
export function normalizeWord(surface: string): string {
  if (surface === 'IT') return 'айти';
  let w = surface.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(/[’ʼ`]/g, "'");
  if (CYRILLIC.test(w) && LATIN.test(w)) {
    w = w.replace(/[aceiopxy]/g, (ch) => LOOKALIKE_TO_CYRILLIC[ch] ?? ch);
  }
  return w;
}

function scriptOf(w: string): Token['script'] {
  const cyr = CYRILLIC.test(w);
  const lat = LATIN.test(w);
  if (cyr && lat) return 'mixed';
  if (cyr) return 'cyrillic';
  if (lat) return 'latin';
  return 'other';
}

/**
 * Splits a text into word tokens: runs of letters and digits (hyphens and punctuation split words;
 * an inner apostrophe is kept). Tokens without a letter (numbers) are dropped. Sentences are
 * counted at . ! ? ; … and line breaks.
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let sentence = 0;
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const surface = m[0];
    const start = m.index ?? 0;
    if (SENTENCE_BREAK.test(text.slice(last, start))) sentence++;
    last = start + surface.length;
    if (!HAS_LETTER.test(surface)) continue;
    const norm = normalizeWord(surface);
    out.push({ surface, norm, start, end: last, script: scriptOf(norm), sentence });
  }
  return out;
}

// Typical inflections. Russian: adjective/participle, verb and -ция/-ние/-ость endings. Kazakh:
// plural, genitive, ablative and personal endings typed without Kazakh letters (the short case
// endings -да/-де/-та/-те/-ды/-ке/... are left out: Russian words end in them too: вода, городе, участке).
const RU_ENDING = /(?:ого|его|ому|ему|ыми|ими|ая|яя|ое|ее|ый|ий|ых|их|ать|ять|ить|еть|ться|тся|ция|ции|ние|ния|ость|ости|ует|уют|ают|ются|ами|ями|ов|ев|ом|ей|ой|ся|ли|ла|ло|ет|ит|ут|ют)$/;
const KK_ENDING = /(?:лар|лер|лары|лери|дары|дери|тары|тери|нын|нин|дын|дин|тын|тин|дагы|деги|тагы|теги|мыз|миз|ымыз|имиз|уды|уди|сына|сине|сында|синде)$/;

/** Language of each token of one text (see the module comment for the order of evidence). */
export function guessLanguages(tokens: readonly Token[]): LangToken[] {
  const first = tokens.map((t): { lang: Lang | null; langBy: LangEvidence } => {
    if (t.script === 'latin') return { lang: KAZAKH_LATIN.test(t.norm) ? 'kk' : 'en', langBy: 'script' };
    if (t.script === 'other') return { lang: 'en', langBy: 'default' };
    if (KAZAKH_LETTERS.test(t.norm)) return { lang: 'kk', langBy: 'letters' };
    if (RUSSIAN_LETTERS.test(t.norm) || t.surface.toLowerCase().includes('ё')) return { lang: 'ru', langBy: 'letters' };
    return { lang: null, langBy: 'default' };
  });
  let kk = 0;
  let ru = 0;
  for (const f of first) {
    if (f.langBy !== 'letters') continue;
    if (f.lang === 'kk') kk++;
    else if (f.lang === 'ru') ru++;
  }
  const textLang: Lang | null = kk > ru ? 'kk' : ru > kk ? 'ru' : null;
  // Context: the letter-decided Cyrillic words of the same sentence, nearer ones counting more
  // (1/distance, up to 4 words away); when they are silent or tied, the majority of the text.
  const contextOf = (i: number): Lang | null => {
    let k = 0;
    let r = 0;
    for (let d = 1; d <= 4; d++) {
      for (const j of [i - d, i + d]) {
        const f = first[j];
        if (!f || f.langBy !== 'letters' || tokens[j]!.sentence !== tokens[i]!.sentence) continue;
        if (f.lang === 'kk') k += 1 / d;
        else if (f.lang === 'ru') r += 1 / d;
      }
    }
    return k > r ? 'kk' : r > k ? 'ru' : textLang;
  };
  return tokens.map((t, i) => {
    const f = first[i]!;
    if (f.lang) return { ...t, lang: f.lang, langBy: f.langBy };
    const ruEnd = RU_ENDING.test(t.norm);
    const kkEnd = KK_ENDING.test(t.norm);
    if (ruEnd && !kkEnd) return { ...t, lang: 'ru', langBy: 'ending' };
    if (kkEnd && !ruEnd) return { ...t, lang: 'kk', langBy: 'ending' };
    const ctx = contextOf(i);
    if (ctx) return { ...t, lang: ctx, langBy: 'context' };
    return { ...t, lang: 'ru', langBy: 'default' };
  });
}

/** Tokenise and guess the language of every token. */
export function analyzeTokens(text: string): LangToken[] {
  return guessLanguages(tokenize(text));
}

const ROMAN: Record<string, string> = {
  а: 'a', ә: 'a', б: 'b', в: 'v', г: 'g', ғ: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', і: 'i',
  к: 'k', қ: 'k', л: 'l', м: 'm', н: 'n', ң: 'n', о: 'o', ө: 'o', п: 'p', р: 'r', с: 's', т: 't',
  у: 'u', ұ: 'u', ү: 'u', ф: 'f', х: 'h', һ: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sh', ъ: '', ы: 'y',
  ь: '', э: 'e', ю: 'yu', я: 'ya',
  ä: 'a', ö: 'o', ü: 'u', ğ: 'g', ş: 'sh', ñ: 'n', ū: 'u', ı: 'i', q: 'k', c: 'k', x: 'ks', w: 'v',
  "'": '',
};

/**
 * A rough common Latin spelling of a Kazakh/Russian/English word, used only for character n-grams,
 * so that loanwords and transliterations meet (`инвестиция` -> `investitsiya` ~ `investment`,
 * `қала` and `кала` -> `kala`).
 */
export function romanize(word: string): string {
  let out = '';
  for (const ch of word) out += ROMAN[ch] ?? ch;
  return out;
}

const FOLD: Record<string, string> = { ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'х', і: 'и' };

/**
 * The key under which stems are matched: Kazakh-only letters folded to the Russian letters people
 * type instead of them on a Russian keyboard (`қала` and `кала` meet).
 */
export function foldKey(stem: string): string {
  let out = '';
  for (const ch of stem) out += FOLD[ch] ?? ch;
  return out;
}

/**
 * Character n-grams (n = 3..5 by default) of `^word$`, as a set. Empty for words shorter than 3.
 */
export function charNgrams(word: string, min = 3, max = 5): Set<string> {
  const out = new Set<string>();
  if ([...word].length < 3) return out;
  const s = [...`^${word}$`];
  for (let n = min; n <= max; n++) {
    for (let i = 0; i + n <= s.length; i++) out.add(s.slice(i, i + n).join(''));
  }
  return out;
}

/** Dice coefficient of two sets: 2|A∩B| / (|A| + |B|), 0 when both are empty. */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (big.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
}
