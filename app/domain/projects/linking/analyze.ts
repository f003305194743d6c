/**
 * From a text to content terms: tokenise, guess each token's language, drop stop words and
 * petition boilerplate ("please", "просим", "сұраймыз", ...), stem, and fold into match keys.
 *
 * A token whose language was only guessed from its ending or from the rest of the text is also
 * stemmed as the other Cyrillic language (Kazakh <-> Russian), so it carries up to two keys.
 */
import { stem } from './stem';
import { analyzeTokens, foldKey, type Lang, type LangToken } from './text';

// Function words and the boilerplate of petitions, which say nothing about the topic.
const STOP_KK = `және мен бен пен да де та те ол бұл осы сол мына ана сонда мұнда біз біздің бізде бізге бізді сіз сіздер
сіздің сіздерге сіздердің олар оның олардың оған маған менің мені үшін туралы бойынша дейін кейін бірақ әлі өте тек ғана қана
бар жоқ керек қажет сұраймыз сұраймын өтінеміз өтінемін талап етеміз етіңіздер етуді ету беріңіздер беруді болса болып
болды болады емес еді деп дейді айтады әр бір бірде барлық көп аз енді тағы қазір кезде неге неліктен қалай қашан қайда
кім не ешқандай ешкім басқа жыл жылы жылдан ай күн апта рет сияқты мүмкін немесе әрі сондай осындай соңғы тұрғындар
тұрғындары азаматтар халық адам адамдар мәселе мәселесі мәселені шешу шешуді көмектесіңіздер көмек сұрау өтініш
әкімдік әкімдігі әкім әкімшілік`;
const STOP_RU = `и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот
от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ведь там
потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под
будет ж тогда кто этот того потому этого какой совсем ним здесь этом почти мой тем чтобы нее сейчас были куда зачем
всех никогда можно при наконец об другой хоть после над больше тот через эти нас про всего них какая много разве эту моя
впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между это который которая
которые также просим прошу просьба требуем предлагаем помогите пожалуйста нужно необходимо решить вопрос проблема
жители граждане гражданин люди человек наш наша наше наши нашем нашей нашего нашу год года лет месяц неделю день
акимат акимата аким власти уважаемый уважаемые срочно каждый каждую весь вся`;
const STOP_EN = `a an the and or but if of to in on at by for with from as is are was were be been being it its this that
these those there here we our us you your they their them he she his her i me my not no do does did have has had will
would can could should may might must also so than then too very just only about into over under after before again
please ask asking request requests petition citizens residents people need needs problem issue akimat government
thank thanks dear which who whom what when where why how all any each some such own same other more most`;

function words(list: string): string[] {
  return list.split(/\s+/).filter(Boolean);
}

const STOP_SURFACE = new Set([...words(STOP_KK), ...words(STOP_RU), ...words(STOP_EN)]);
const STOP_STEMS = new Set<string>([
  ...words(STOP_RU).map((w) => foldKey(stem(w, 'ru'))),
  ...words(STOP_KK).map((w) => foldKey(stem(w, 'kk'))),
  ...words(STOP_EN).map((w) => foldKey(stem(w, 'en'))),
].filter((s) => s.length >= 3));

/** True when the normalised word is a stop word or petition boilerplate. */
export function isStopWord(norm: string, lang: Lang): boolean {
  if (STOP_SURFACE.has(norm)) return true;
  if (norm.length < 2) return true;
  return STOP_STEMS.has(foldKey(stem(norm, lang)));
}

export interface TermToken extends LangToken {
  /** Match keys: folded stems, the first one in the token's guessed language. */
  keys: string[];
  stop: boolean;
}

function otherCyrillic(lang: Lang): Lang | null {
  return lang === 'kk' ? 'ru' : lang === 'ru' ? 'kk' : null;
}

/** Every token of the text with its language, keys and stop flag. */
export function analyze(text: string): TermToken[] {
  return analyzeTokens(text).map((t) => {
    const keys = [foldKey(stem(t.norm, t.lang))];
    const ambiguous = t.langBy === 'ending' || t.langBy === 'context' || t.langBy === 'default';
    const other = ambiguous ? otherCyrillic(t.lang) : null;
    if (other && t.script === 'cyrillic') {
      const alt = foldKey(stem(t.norm, other));
      if (alt.length >= 3 && !keys.includes(alt)) keys.push(alt);
    }
    return { ...t, keys, stop: isStopWord(t.norm, t.lang) };
  });
}

/** Content tokens only (stop words removed), in text order. */
export function contentTokens(text: string): TermToken[] {
  return analyze(text).filter((t) => !t.stop);
}

/**
 * Keys of a lexicon term written in a known language (each word stemmed as that language);
 * stop words inside a phrase are dropped. Returns the kept words with their keys.
 */
export function termKeys(term: string, lang: Lang): { word: string; key: string }[] {
  return analyzeTokens(term)
    .filter((t) => !isStopWord(t.norm, lang === 'en' && t.script === 'cyrillic' ? t.lang : lang))
    .map((t) => {
      const l: Lang = t.script === 'latin' ? (t.lang === 'kk' ? 'kk' : 'en') : lang === 'en' ? t.lang : lang;
      return { word: t.surface, key: foldKey(stem(t.norm, l)) };
    });
}
