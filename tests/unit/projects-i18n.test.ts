import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { messages } from '../../app/i18n';
import { projectPages } from '../../app/i18n/areas/projectPages';
import { KNOWN_UNITS } from '../../app/ui/projects/units';
import { PLURAL, type Tree, leaves } from '../support/i18n-tree';

const LOCALES = ['en', 'ru', 'kk'] as const;

const all = Object.fromEntries(LOCALES.map((l) => [l, leaves(projectPages[l] as unknown as Tree)])) as Record<(typeof LOCALES)[number], Map<string, string>>;
const base = (m: Map<string, string>) => new Set([...m.keys()].map((k) => k.replace(PLURAL, '')));
const keys = base(all.en);

/** The area as the portal serves it once registered (namespace `projectPages`), with the shell's strings. */
function tFor(locale: (typeof LOCALES)[number]): TFunction {
  const inst = i18next.createInstance();
  void inst.init({
    lng: locale,
    fallbackLng: false,
    resources: { [locale]: { translation: { ...messages[locale], projectPages: projectPages[locale] } } },
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  } as Parameters<typeof inst.init>[0]);
  return inst.t;
}

/** Static keys the pages use: 'projectPages.a.b' literals and `${k}.a.b` where k = 'projectPages.x' in the same file. */
function usedKeys(): Map<string, string> {
  const files = [
    ...['projects._index.tsx', 'projects.$code.tsx', 'office._index.tsx', 'office.projects.$code.tsx'].map((f) => path.join('app/routes', f)),
    ...readdirSync('app/ui/projects').filter((f) => f.endsWith('.tsx') || f.endsWith('.ts')).map((f) => path.join('app/ui/projects', f)),
  ];
  const out = new Map<string, string>();
  for (const file of files) {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/(const k = )?['`](projectPages\.[A-Za-z0-9_.-]+)(\$\{)?/g)) {
      if (!m[1] && !m[3] && !m[2]!.endsWith('.')) out.set(m[2]!.replace(/^projectPages\./, ''), file);
    }
    const k = /const k = '(projectPages\.[A-Za-z0-9_.]+)'/.exec(src)?.[1];
    if (k) {
      for (const m of src.matchAll(/\$\{k\}\.([A-Za-z0-9_.-]+)(\$\{)?/g)) {
        if (!m[2] && !m[1]!.endsWith('.')) out.set(`${k.replace(/^projectPages\./, '')}.${m[1]}`, file);
      }
    }
  }
  return out;
}

describe('projectPages strings', () => {
  it('every language has every key (plural forms may differ), none empty', () => {
    for (const l of LOCALES) {
      expect(base(all[l])).toEqual(keys);
      for (const [k, v] of all[l]) expect(v.trim(), `${l}:${k}`).not.toBe('');
    }
  });

  it('Kazakh and Russian are translated, not copied from English', () => {
    for (const [k, v] of all.en) {
      expect(all.kk.get(k), `kk:${k}`).not.toBe(v);
      expect(all.ru.get(k), `ru:${k}`).not.toBe(v);
    }
  });

  it('has every key the pages and components use', () => {
    const used = usedKeys();
    expect(used.size).toBeGreaterThan(100);
    for (const [key, file] of used) expect(keys, `${key} (${file})`).toContain(key);
  });

  it('has the keys looked up by code', () => {
    for (const u of KNOWN_UNITS.filter((u) => u !== 'percent')) expect(keys).toContain(`units.${u}`);
    for (const s of ['lexicon', 'name', 'summary', 'indicator', 'example']) expect(keys).toContain(`matched.source.${s}`);
    for (const r of ['invalid', 'not-found', 'unchanged', 'petition-not-linkable', 'petition-not-found', 'project-not-found', 'already-linked']) expect(keys).toContain(`office.errors.${r}`);
    for (const d of ['confirmed', 'rejected', 'linked']) expect(keys).toContain(`office.done.${d}`);
    for (const r of ['invalid', 'not-found', 'unknown-priority', 'too-short', 'too-long', 'required', 'not-a-number', 'not-a-year', 'not-a-date', 'not-allowed'])
      expect(keys).toContain(`edit.errors.${r}`);
    for (const d of ['saved', 'unchanged', 'created', 'updated', 'deleted']) expect(keys).toContain(`edit.done.${d}`);
    for (const s of ['active', 'closed']) expect(keys).toContain(`status.${s}`);
    for (const s of ['confirmed', 'rejected']) expect(keys).toContain(`office.status.${s}`);
    for (const f of ['followed', 'unfollowed']) expect(keys).toContain(`follow.${f}`);
  });

  it('writes values with their units and Russian plural forms', () => {
    const ru = tFor('ru');
    expect(ru('projectPages.units.years', { count: 75.4, value: '75,4' })).toBe('75,4 года');
    expect(ru('projectPages.units.years', { count: 5, value: '5' })).toBe('5 лет');
    expect(ru('projectPages.units.years', { count: 21, value: '21' })).toBe('21 год');
    expect(ru('projectPages.units.schools', { count: 3, value: '3' })).toBe('3 школы');
    expect(ru('projectPages.units.kzt_trillion', { count: 7.6, value: '7,6' })).toBe('7,6 трлн тенге');
    expect(ru('projectPages.office.waiting', { count: 11 })).toBe('Ожидают 11 предложений, сначала самые давние.');
    expect(tFor('en')('projectPages.units.places', { count: 840000, value: '840,000' })).toBe('840,000 student places');
    expect(tFor('kk')('projectPages.units.years', { count: 75, value: '75' })).toBe('75 жыл');
    expect(tFor('en')('projectPages.list.linked', { count: 1 })).toBe('1 linked petition');
  });

  it('interpolates the office messages in each language', () => {
    for (const l of LOCALES) {
      const text = tFor(l)('projectPages.office.done.confirmed', { number: 12, project: 'X' });
      expect(text).toContain('12');
      expect(text).toContain('X');
    }
  });
});
