/**
 * Stemming: Snowball for Russian and English (package `snowball-stemmers`), and a light,
 * conservative suffix stripper for Kazakh (there is no Snowball stemmer for Kazakh).
 *
 * Kazakh stripper (`stemKazakh`), applied to a normalised word:
 *  1. at most one CASE ending is removed (longest match first):
 *     attributive locative -дағы/-дегі/-тағы/-тегі (+ -ндағы/-ндегі, -ындағы/-індегі, -сындағы/-сіндегі),
 *     genitive -ның/-нің/-дың/-дің/-тың/-тің, ablative -нан/-нен/-дан/-ден/-тан/-тен (+ -ынан/-інен/-сынан/-сінен),
 *     locative -да/-де/-та/-те (+ -нда/-нде, -ында/-інде, -сында/-сінде), dative -ға/-ге/-қа/-ке
 *     (+ -ына/-іне, -сына/-сіне), accusative -ны/-ні/-ды/-ді/-ты/-ті (+ -сын/-сін),
 *     instrumental -мен/-бен/-пен (+ -ымен/-імен, -сымен/-сімен);
 *  2. then at most one POSSESSIVE ending: -ымыз/-іміз/-мыз/-міз, -ыңыз/-іңіз/-ңыз/-ңіз, -сы/-сі, -ы/-і;
 *  3. then at most one PLURAL ending: -лар/-лер/-дар/-дер/-тар/-тер.
 *  Each ending is also accepted as typed without Kazakh letters (-нын for -ның, -га for -ға, ...).
 *  Conservative rules: an ending is removed only if what remains has at least 3 letters (2 for the
 *  short roots су, үй, ем) and a vowel; the ambiguous bare endings -ын/-ін/-ым/-ім/-ың/-ің/-н/-м/-а/-е
 *  are never removed (they end many roots: білім, тасқын, шағын); -тан after с is kept (Қазақстан);
 *  a few words that merely look inflected are protected (сауда, орта, медбике, ...). After a
 *  vowel-initial ending the voiced final consonant returns to its dictionary form (мектебі -> мектеп);
 *  after -ста the н of an ending starting with н stays with the stem (Қазақстанда -> қазақстан).
 *  Derivational suffixes (-лық/-лік, -шы/-ші, ...) and verb endings are left alone.
 */
import snowball from 'snowball-stemmers';
import { type Lang } from './text';

const ru = snowball.newStemmer('russian');
const en = snowball.newStemmer('english');

const KK_FOLD: Record<string, string> = { ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', і: 'и' };
const foldKk = (s: string) => [...s].map((c) => KK_FOLD[c] ?? c).join('');

/** Endings with their variants typed without Kazakh letters, longest first. */
function endings(list: readonly string[]): string[] {
  const all = new Set<string>();
  for (const e of list) {
    all.add(e);
    all.add(foldKk(e));
  }
  return [...all].sort((a, b) => b.length - a.length);
}

const CASE = endings([
  'сындағы', 'сіндегі', 'ындағы', 'індегі', 'ндағы', 'ндегі', 'дағы', 'дегі', 'тағы', 'тегі',
  'ның', 'нің', 'дың', 'дің', 'тың', 'тің',
  'сынан', 'сінен', 'ынан', 'інен', 'нан', 'нен', 'дан', 'ден', 'тан', 'тен',
  'сында', 'сінде', 'ында', 'інде', 'нда', 'нде', 'да', 'де', 'та', 'те',
  'сына', 'сіне', 'ына', 'іне', 'ға', 'ге', 'қа', 'ке',
  'сын', 'сін', 'ны', 'ні', 'ды', 'ді', 'ты', 'ті',
  'сымен', 'сімен', 'ымен', 'імен', 'мен', 'бен', 'пен',
]);
const POSSESSIVE = endings(['ымыз', 'іміз', 'мыз', 'міз', 'ыңыз', 'іңіз', 'ңыз', 'ңіз', 'сы', 'сі', 'ы', 'і']);
const PLURAL = endings(['лар', 'лер', 'дар', 'дер', 'тар', 'тер']);

const VOWEL = /[аәеиоөуұүыіэюя]/;
const SHORT_ROOTS = new Set(['су', 'үй', 'уй', 'ем']);
/** Words that look inflected but are dictionary forms. */
const PROTECTED = new Set(['сауда', 'орта', 'мақта', 'макта', 'медбике', 'майдан', 'бірге', 'бирге', 'кейде', 'қазір', 'казир']);
const MIN_STEM = 3;
const DEVOICE: Record<string, string> = { б: 'п', г: 'к', ғ: 'қ' };

function stripOne(word: string, list: readonly string[]): string {
  for (const e of list) {
    if (!word.endsWith(e) || word.length <= e.length) continue;
    let rest = word.slice(0, word.length - e.length);
    const okLength = rest.length >= MIN_STEM || SHORT_ROOTS.has(rest);
    if (!okLength || !VOWEL.test(rest)) continue;
    if ((e === 'тан' || e === 'тен') && rest.endsWith('с')) continue;
    // Қазақстан-да, Қазақстан-ның: the н belongs to -стан, not to the ending.
    if (e.startsWith('н') && rest.endsWith('ста')) rest += 'н';
    if (VOWEL.test(e[0]!)) {
      const last = rest[rest.length - 1]!;
      const dict = DEVOICE[last];
      if (dict) rest = rest.slice(0, -1) + dict;
    }
    return rest;
  }
  return word;
}

/** Light Kazakh suffix stripper (rules in the module comment). */
export function stemKazakh(word: string): string {
  if (PROTECTED.has(word)) return word;
  let w = stripOne(word, CASE);
  w = stripOne(w, POSSESSIVE);
  w = stripOne(w, PLURAL);
  return w;
}

/** Russian Snowball stem (ё already folded to е by normalisation). */
export function stemRussian(word: string): string {
  return ru.stem(word.replace(/ё/g, 'е'));
}

/** English Snowball (Porter2) stem; a final possessive 's is dropped first. */
export function stemEnglish(word: string): string {
  return en.stem(word.replace(/'s?$/, '').replace(/'/g, ''));
}

export function stem(word: string, lang: Lang): string {
  if (lang === 'kk') return stemKazakh(word);
  if (lang === 'ru') return /\p{Script=Cyrillic}/u.test(word) ? stemRussian(word) : word;
  return /\p{Script=Latin}/u.test(word) ? stemEnglish(word) : word;
}
