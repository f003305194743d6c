import { describe, expect, it } from 'vitest';
import { renderInboxItem } from '../../app/domain/notify/inbox.server';
import { TEMPLATES, renderNotification } from '../../app/domain/notify/notify.server';
import { FORM_ERRORS, PETITION_REFUSALS, refusalKey } from '../../app/domain/petitions/moderation.server';
import { LOCALES, messages } from '../../app/i18n';
import { moderation } from '../../app/i18n/areas/moderation';
import { petitions } from '../../app/i18n/areas/petitions';
import { PLURAL, type Tree, leaves } from '../support/i18n-tree';

const area = { en: leaves(moderation.en as unknown as Tree), ru: leaves(moderation.ru as unknown as Tree), kk: leaves(moderation.kk as unknown as Tree) };
const base = (m: Map<string, string>) => new Set([...m.keys()].map((k) => k.replace(PLURAL, '')));

/** Whether `key` (e.g. 'petitions.refusal.no-rule') has a string in the area files, in every locale. */
function existsInAreas(key: string): boolean {
  const [ns, ...rest] = key.split('.');
  const tree = ns === 'moderation' ? moderation : ns === 'petitions' ? petitions : null;
  if (!tree) return false;
  return LOCALES.every((l) => leaves(tree[l] as unknown as Tree).has(rest.join('.')));
}

describe('the moderation area', () => {
  it('has the same keys in kk, ru and en (plural forms aside), none empty', () => {
    expect(base(area.ru)).toEqual(base(area.en));
    expect(base(area.kk)).toEqual(base(area.en));
    for (const l of LOCALES) for (const [k, v] of area[l]) expect(v.trim(), `${l}:${k}`).not.toBe('');
  });

  it('is translated, not copied from English', () => {
    const shared = new Set(['queue.number']); // "No." / "№" is the same sign in kk and ru
    for (const [k, v] of area.en) {
      if (shared.has(k)) continue;
      expect(area.kk.get(k), `kk:${k}`).not.toBe(v);
      expect(area.ru.get(k), `ru:${k}`).not.toBe(v);
    }
  });

  it('gives Russian its plural forms', () => {
    for (const k of ['queue.waiting', 'queue.overdue', 'queue.similarCount', 'inbox.unread', 'inbox.marked'])
      for (const form of ['one', 'few', 'many', 'other']) expect(area.ru.has(`${k}_${form}`), `ru:${k}_${form}`).toBe(true);
  });

  it('labels every form error, and every refusal maps to an existing label', () => {
    for (const code of FORM_ERRORS) expect(existsInAreas(`moderation.errors.${code}`), code).toBe(true);
    for (const code of PETITION_REFUSALS) expect(existsInAreas(refusalKey(code)), code).toBe(true);
    for (const code of PETITION_REFUSALS) expect(existsInAreas(refusalKey(`threshold-${code}`)), code).toBe(true);
  });

  it('is registered in app/i18n/areas/index.ts (the pages call t("moderation.…"))', () => {
    for (const l of LOCALES) expect((messages[l] as unknown as Record<string, unknown>).moderation, l).toEqual(moderation[l]);
  });
});

describe('notification templates', () => {
  // Every parameter any template uses (projectPetitionAnswered also names the linked projects; the
  // report templates name the akimat, a due date, a reason, an escalation cause and a status).
  const params = { name: 'Айгерим Н.', title: 'Построить школу', number: 42, state: 'open', decision: 'accepted', path: '/petitions/abc', projects: 'NP-EDU', text: 'The first 1,200 trees were planted.', akimat: 'Akimat of Saryarka District', dueOn: '2026-12-11', reason: 'Parts are ordered.', cause: 'overdue', status: 'answered' };
  it('exist as notify.<template>.subject and .body in every language, and render without raw keys', () => {
    for (const template of TEMPLATES) {
      for (const l of LOCALES) {
        const { subject, text } = renderNotification(template, l, params, 'https://dauys.kz');
        expect(subject, `${l}:${template}`).not.toContain(`notify.${template}`);
        expect(text, `${l}:${template}`).not.toContain(`notify.${template}`);
        expect(`${subject}\n${text}`, `${l}:${template}`).not.toMatch(/\$t\(|\{\{/);
      }
    }
  });

  it('the state and outcome messages name the petition, its stage or decision, and link to it', () => {
    const ru = renderNotification('petitionState', 'ru', params, 'https://dauys.kz');
    expect(ru.subject).toContain('Построить школу');
    expect(ru.text).toContain('Открыта для подписания');
    expect(ru.text).toContain('https://dauys.kz/petitions/abc');
    const kk = renderNotification('petitionOutcome', 'kk', params, 'https://dauys.kz');
    expect(kk.text).toContain('Қолдау тапты');
    expect(kk.text).toContain('https://dauys.kz/petitions/abc');
  });
});

describe('the inbox', () => {
  const row = { id: 7, template: 'welcome', params: { name: 'Ерлан', path: '/account' }, createdAt: new Date('2026-05-04T06:00:00Z'), readAt: null };

  it('renders a notification in the page’s language without the email footer', () => {
    const item = renderInboxItem(row, 'ru', 'https://dauys.kz');
    expect(item).toMatchObject({ id: 7, template: 'welcome', subject: 'Добро пожаловать в Dauys', path: '/account', readAt: null });
    expect(item!.text).toContain('Здравствуйте, Ерлан!');
    expect(item!.text).not.toContain('\n--\n');
    expect(item!.text).not.toContain('учётная запись');
    expect(renderInboxItem(row, 'kk')!.subject).toBe('Dauys порталына қош келдіңіз');
  });

  it('keeps only portal paths as links and skips unknown templates', () => {
    expect(renderInboxItem({ ...row, params: { name: 'A', path: '//evil.example/x' } }, 'en')!.path).toBeNull();
    expect(renderInboxItem({ ...row, params: { name: 'A', path: 'https://evil.example/x' } }, 'en')!.path).toBeNull();
    expect(renderInboxItem({ ...row, params: { name: 'A' } }, 'en')!.path).toBeNull();
    expect(renderInboxItem({ ...row, template: 'retired-template' }, 'en')).toBeNull();
  });
});
