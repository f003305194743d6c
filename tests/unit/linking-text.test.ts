import { describe, expect, it } from 'vitest';
import {
  analyze,
  charNgrams,
  contentTokens,
  dice,
  foldKey,
  guessLanguages,
  normalizeWord,
  romanize,
  stem,
  stemEnglish,
  stemKazakh,
  stemRussian,
  tokenize,
} from '../../app/domain/projects/linking';

describe('normalisation', () => {
  it.each([
    ['Ёлка', 'елка'],
    ['ЕЩЁ', 'еще'],
    ['ҚАЛА', 'қала'],
    ['Әкімдік', 'әкімдік'],
    ['бiлiм', 'білім'], // Latin i typed inside a Kazakh word
    ['мектeп', 'мектеп'], // Latin e typed inside a Cyrillic word
    ['IT', 'айти'],
    ['It', 'it'],
    ['Children’s', "children's"],
    ['School', 'school'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeWord(input)).toBe(expected);
  });
});

describe('tokenisation', () => {
  it('splits on punctuation and hyphens, drops numbers, keeps offsets', () => {
    const text = 'Школа №3: 17:00, дәрі-дәрмек жоқ!';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.norm)).toEqual(['школа', 'дәрі', 'дәрмек', 'жоқ']);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.surface);
  });

  it('counts sentences at . ! ? and line breaks, not at decimal points', () => {
    const tokens = tokenize('Бюджет 3.6 трлн тенге. Жаңа мектеп!\nNext line');
    expect(tokens.map((t) => `${t.norm}:${t.sentence}`)).toEqual(['бюджет:0', 'трлн:0', 'тенге:0', 'жаңа:1', 'мектеп:1', 'next:2', 'line:2']);
  });

  it('returns nothing for empty or symbol-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('123 — 456 !!! ✓')).toEqual([]);
  });
});

describe('language of each token', () => {
  const langs = (text: string) => guessLanguages(tokenize(text)).map((t) => `${t.norm}:${t.lang}:${t.langBy}`);

  it.each([
    ['school', 'school:en:script'],
    ['әкімдік', 'әкімдік:kk:letters'],
    ['объявление', 'объявление:ru:letters'],
    ['ещё', 'еще:ru:letters'],
    ['строительства', 'строительства:ru:letters'],
    ['дорогая', 'дорогая:ru:ending'],
    ['балалар', 'балалар:kk:ending'],
    ['Qazaqstandağy', 'qazaqstandağy:kk:script'],
  ])('%s', (text, expected) => {
    expect(langs(text)).toEqual([expected]);
  });

  it('decides undecided words from the rest of the text', () => {
    expect(langs('Біздің мектептерде мұғалім жетіспейді')).toContain('мектептерде:kk:context');
    expect(langs('Ремонт в школе не делали с 1990 года, крыша течёт')).toContain('крыша:ru:context');
  });

  it('tags a mixed Kazakh/Russian text word by word', () => {
    const t = analyze('Біздің ауылда врач жоқ, только фельдшер бар');
    const byWord = Object.fromEntries(t.map((x) => [x.norm, x.lang]));
    expect(byWord['ауылда']).toBe('kk');
    expect(byWord['жоқ']).toBe('kk');
    expect(byWord['только']).toBe('ru');
    expect(byWord['фельдшер']).toBe('ru');
  });
});

describe('Kazakh suffix stripper', () => {
  it.each([
    // plural + case
    ['мектептерде', 'мектеп'],
    ['балаларға', 'бала'],
    ['дәрігерлер', 'дәрігер'],
    ['мұғалімдерге', 'мұғалім'],
    // possessive (+ plural, + case); voiced final consonant back to dictionary form
    ['ауруханасы', 'аурухана'],
    ['жолдары', 'жол'],
    ['мектебі', 'мектеп'],
    ['сабағы', 'сабақ'],
    ['мектептеріміз', 'мектеп'],
    // case endings
    ['ауылдағы', 'ауыл'],
    ['емхананың', 'емхана'],
    ['ауылға', 'ауыл'],
    ['көпірді', 'көпір'],
    ['газдандыруды', 'газдандыру'],
    ['Қазақстанда'.toLowerCase(), 'қазақстан'],
    ['қазақстанның', 'қазақстан'],
    // typed without Kazakh letters
    ['ауруханага', 'аурухана'],
    // conservative: dictionary forms that only look inflected stay whole
    ['білім', 'білім'],
    ['тасқын', 'тасқын'],
    ['шағын', 'шағын'],
    ['сауда', 'сауда'],
    ['қазақстан', 'қазақстан'],
    ['аурухана', 'аурухана'],
    // minimum stem length (2 only for short roots like су)
    ['суы', 'су'],
    ['үйге', 'үй'],
    ['әке', 'әке'],
    ['жаға', 'жаға'],
  ])('%s -> %s', (word, expected) => {
    expect(stemKazakh(word)).toBe(expected);
  });

  it('never makes a word longer or leaves a stem without a vowel', () => {
    for (const w of ['мектептерімізде', 'жолдарыңызға', 'ст', 'бтр', 'лар', 'ларлар']) {
      const s = stemKazakh(w);
      expect(s.length).toBeLessThanOrEqual(w.length);
      if (s !== w) expect(s).toMatch(/[аәеиоөуұүыіэюя]/);
    }
  });
});

describe('Snowball stemmers', () => {
  it.each([
    ['школы', 'школ'],
    ['школьников', 'школьник'],
    ['елки', 'елк'],
    ['больницы', 'больниц'],
  ])('Russian %s -> %s', (w, expected) => expect(stemRussian(w)).toBe(expected));

  it.each([
    ['schools', 'school'],
    ["children's", 'children'],
    ['farmers', 'farmer'],
    ['investments', 'invest'],
  ])('English %s -> %s', (w, expected) => expect(stemEnglish(w)).toBe(expected));

  it('stems by the language given, and leaves words of another script alone', () => {
    expect(stem('школы', 'ru')).toBe('школ');
    expect(stem('school', 'ru')).toBe('school');
    expect(stem('школы', 'en')).toBe('школы');
  });
});

describe('keys, romanisation and character n-grams', () => {
  it('folds Kazakh letters so that words typed on a Russian keyboard meet', () => {
    expect(foldKey('қала')).toBe(foldKey('кала'));
    expect(foldKey('өңір')).toBe('онир');
  });

  it('romanises Kazakh and Russian so that loanwords meet their English forms', () => {
    expect(romanize('доктор')).toBe('doktor');
    expect(romanize('doctor')).toBe('doktor');
    expect(romanize('қала')).toBe(romanize('кала'));
    expect(dice(charNgrams(romanize('инвестиц')), charNgrams(romanize('invest')))).toBeGreaterThan(0.5);
  });

  it('makes 3- to 5-grams with word boundaries', () => {
    expect([...charNgrams('жол')]).toEqual(['^жо', 'жол', 'ол$', '^жол', 'жол$', '^жол$']);
    expect(charNgrams('су').size).toBe(0);
    expect(dice(new Set(['a', 'b']), new Set(['b', 'c']))).toBe(0.5);
    expect(dice(new Set(), new Set())).toBe(0);
  });
});

describe('content words', () => {
  it('drops stop words and petition boilerplate in all three languages', () => {
    const words = contentTokens('Просим построить школу. Сұраймыз мектеп салуды. Please build a school.').map((t) => t.norm);
    expect(words).toEqual(['построить', 'школу', 'мектеп', 'салуды', 'build', 'school']);
  });

  it('gives an undecided Cyrillic word both a Russian and a Kazakh key', () => {
    const [tok] = analyze('селода');
    expect(tok!.keys).toEqual(expect.arrayContaining(['селод', 'село']));
  });
});
