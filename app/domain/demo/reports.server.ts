import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { accounts, localBodies, reports, staffRoles, units } from '../../../db/schema';
import type { IdentityConfig } from '../identity/config';
import type { Actor } from '../identity/permissions';
import { confirmFix, provideInfo, rejectFix } from '../reports/citizen.server';
import { runReportClocks } from '../reports/clocks.server';
import { fileReport, routeFiledReport, type CleanPhoto } from '../reports/filing.server';
import {
  acknowledgeReport,
  answerReport,
  assignReport,
  forwardReport,
  markFixed,
  mergeReport,
  requestInfo,
  type FixPhoto,
} from '../reports/staff.server';
import type { Deps } from '../shared/deps';
import { back, insertDemoCitizen } from './people.server';

/**
 * Demo reports for local runs: a dozen reports in several cities (Astana's districts first, where
 * the demo akimat officer works), filed through fileReport and routed by the routing job's own
 * function, then moved through the staff actions, the citizens' closed-loop steps and the clocks
 * job with clocks set in the past, so the inbox, the public list and map and the accountability
 * pages have data in every state. Created once: nothing happens if any report exists. Demo
 * identities are not real people; demo photos are generated pictures.
 */

const DAY = 24;
const META = { ip: null, userAgent: 'demo seed' };


async function demoReporters(deps: Deps, cfg: IdentityConfig, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const birthDate = `19${65 + (i % 30)}-1${i % 3}-2${i % 8}`;
    const accountId = await insertDemoCitizen(deps, cfg, {
      birthDate,
      sex: i % 2 ? 'F' : 'M',
      serial: 8100 + i,
      givenName: `Reporter${i + 1}`,
      familyName: 'Demo',
      displayName: `Reporter${i + 1} D.`,
      residence: '711310000',
      since: new Date(deps.clock.now().getTime() - (90 + i) * 86_400_000),
      locale: ['kk', 'ru', 'en'][i % 3]!,
    });
    if (!accountId) continue;
    out.push(accountId);
  }
  return out;
}

/** A generated picture (no camera metadata to strip), with its thumbnail. */
async function picture(r: number, g: number, b: number): Promise<CleanPhoto> {
  const base = sharp({ create: { width: 640, height: 480, channels: 3, background: { r, g, b } } });
  const image = await base.clone().jpeg({ quality: 80 }).toBuffer();
  const thumb = await sharp(image).resize(320).jpeg({ quality: 75 }).toBuffer();
  return { image: { format: 'jpeg', width: 640, height: 480, bytes: image }, thumbnail: { format: 'jpeg', width: 320, height: 240, bytes: thumb } };
}

/** The akimat of the unit a point lies in is found by routing; demo officers per akimat. */
const officers = new Map<number, Actor>();
async function officerOf(deps: Deps, reportId: string): Promise<{ actor: Actor; number: string }> {
  const [r] = await deps.db.select({ bodyId: reports.akimatBodyId, number: reports.registrationNumber }).from(reports).where(eq(reports.id, reportId));
  const bodyId = r!.bodyId!;
  let actor = officers.get(bodyId);
  if (!actor) {
    const accountId = randomUUID();
    const [body] = await deps.db.select({ nameEn: localBodies.nameEn }).from(localBodies).where(eq(localBodies.id, bodyId));
    await deps.db.insert(accounts).values({ id: accountId, kind: 'staff', displayName: `${body?.nameEn ?? 'Akimat'} officer (demo)` });
    await deps.db.insert(staffRoles).values({ accountId, role: 'akimat_officer', bodyId });
    actor = { accountId, kind: 'staff', roles: [{ role: 'akimat_officer', bodyId }] };
    officers.set(bodyId, actor);
  }
  return { actor, number: r!.number };
}

interface Spec {
  key: string;
  point: { lon: number; lat: number };
  address?: string;
  category: string;
  description: string;
  locale: 'kk' | 'ru' | 'en';
  daysAgo: number;
  photo?: [number, number, number];
}

const SPECS: Spec[] = [
  { key: 'saryarka-yard', point: { lon: 71.4094, lat: 51.1955 }, address: 'Astana, Zhenis avenue 40, yard', category: 'yards_playgrounds', locale: 'ru', daysAgo: 40, photo: [150, 120, 90],
    description: 'Во дворе дома сломаны качели и карусель, у сиденья торчат болты. Дети продолжают играть, это опасно.' },
  { key: 'yesil-light', point: { lon: 71.4304, lat: 51.1283 }, address: 'Astana, Kabanbay Batyr avenue 11', category: 'street_lighting', locale: 'kk', daysAgo: 25, photo: [30, 30, 60],
    description: 'Кабанбай батыр даңғылындағы жаяу жүргіншілер өткелінің үстіндегі шам бір аптадан бері жанбайды. Кешкісін өткел мүлде көрінбейді.' },
  { key: 'almaty-district-waste', point: { lon: 71.4741, lat: 51.1521 }, category: 'waste', locale: 'ru', daysAgo: 6, photo: [90, 110, 60],
    description: 'Контейнерная площадка переполнена уже четвёртый день, мусор разносит ветром по двору и детской площадке.' },
  { key: 'saryarka-snow', point: { lon: 71.4152, lat: 51.1839 }, category: 'snow_ice', locale: 'en', daysAgo: 1,
    description: 'The pavement along the street has not been cleared after the snowfall; there is thick ice near the bus stop and people fall.' },
  { key: 'astana-roads-overdue', point: { lon: 71.4496, lat: 51.1605 }, category: 'roads', locale: 'ru', daysAgo: 32, photo: [80, 80, 80],
    description: 'На проезжей части глубокая яма около 40 см в диаметре, машины объезжают её по встречной полосе.' },
  { key: 'almaty-heating', point: { lon: 76.9286, lat: 43.2567 }, category: 'heating', locale: 'ru', daysAgo: 18,
    description: 'В подъезде и квартирах дома холодно, батареи едва тёплые с начала отопительного сезона.' },
  { key: 'almaty-dogs', point: { lon: 76.9097, lat: 43.2200 }, category: 'stray_animals', locale: 'kk', daysAgo: 9,
    description: 'Мектеп жанында иесіз иттер үйірі жүр, балаларға үреді және қуады. Ата-аналар алаңдаулы.' },
  { key: 'shymkent-water', point: { lon: 69.5901, lat: 42.3155 }, category: 'water_supply', locale: 'ru', daysAgo: 21,
    description: 'Напор холодной воды очень слабый по вечерам, на верхние этажи вода не поднимается совсем.' },
  { key: 'karaganda-trees', point: { lon: 73.0870, lat: 49.8060 }, category: 'greenery', locale: 'en', daysAgo: 3,
    description: 'A dry poplar leans over the playground and loses big branches in the wind; it should be removed before it falls.' },
  { key: 'pavlodar-yard', point: { lon: 76.9674, lat: 52.2873 }, category: 'yards_playgrounds', locale: 'ru', daysAgo: 12,
    description: 'На детской площадке сломана горка, на ступеньках нет двух перекладин.' },
  { key: 'pavlodar-yard-dup', point: { lon: 76.9677, lat: 52.2874 }, category: 'yards_playgrounds', locale: 'kk', daysAgo: 11,
    description: 'Балалар алаңындағы сырғанақ сынған, баспалдақтары жоқ. Балалар құлап қалуы мүмкін.' },
  { key: 'oskemen-road', point: { lon: 82.6150, lat: 49.9480 }, category: 'roads', locale: 'ru', daysAgo: 28, photo: [70, 70, 75],
    description: 'Разбит асфальт на въезде во двор, после дождя стоит большая лужа, пройти невозможно.' },
  { key: 'aktobe-light', point: { lon: 57.1670, lat: 50.2839 }, category: 'street_lighting', locale: 'en', daysAgo: 35,
    description: 'Three street lamps in a row on the footpath to the school do not work; children walk in the dark in the morning.' },
];

export async function seedDemoReports(deps: Deps, cfg: IdentityConfig): Promise<{ created: number }> {
  const [{ n }] = (await deps.db.select({ n: sql<number>`count(*)::int` }).from(reports)) as [{ n: number }];
  if (Number(n) > 0) return { created: 0 };
  officers.clear();
  const people = await demoReporters(deps, cfg, SPECS.length + 2);
  const byKey = new Map<string, { id: string; reporter: string }>();
  for (const [i, s] of SPECS.entries()) {
    const at = back(deps, s.daysAgo * DAY + 3);
    const reporter = people[i]!;
    const out = await fileReport(at, {
      reporter: { kind: 'citizen', accountId: reporter },
      categoryCode: s.category,
      place: { kind: 'point', ...s.point, addressText: s.address ?? null },
      description: s.description,
      photos: s.photo ? [await picture(...s.photo)] : [],
      locale: s.locale,
    });
    if (out.kind !== 'filed') {
      deps.log.warn({ key: s.key, reason: out.reason }, 'demo report refused');
      continue;
    }
    const routed = await routeFiledReport(back(deps, s.daysAgo * DAY + 2), out.id);
    if (routed.kind !== 'routed') {
      deps.log.warn({ key: s.key, routed }, 'demo report not routed');
      continue;
    }
    byKey.set(s.key, { id: out.id, reporter });
  }

  const fix = async (r: number, g: number, b: number): Promise<FixPhoto> => {
    const p = await picture(r, g, b);
    return { image: p.image, thumbnail: p.thumbnail };
  };
  const step = async (key: string, fn: (o: { actor: Actor; number: string; id: string; reporter: string }) => Promise<unknown>) => {
    const r = byKey.get(key);
    if (!r) return;
    const { actor, number } = await officerOf(deps, r.id);
    await fn({ actor, number, id: r.id, reporter: r.reporter });
  };

  // Closed loop completed: acknowledged, answered, fixed, confirmed by the citizen.
  await step('saryarka-yard', async ({ actor, number, id, reporter }) => {
    await acknowledgeReport(back(deps, 39 * DAY), actor, number, META);
    await assignReport(back(deps, 39 * DAY - 1), actor, number, { departmentCode: 'housing_utilities' }, META);
    await answerReport(back(deps, 33 * DAY), actor, number, { decision: 'resolved', text: 'Качели и карусель заменены на новые, площадка проверена на безопасность.', templateCode: 'general-resolved' }, META);
    await markFixed(back(deps, 32 * DAY), actor, number, { note: 'Установлены новые качели.' }, await fix(60, 140, 80), META);
    await confirmFix(back(deps, 30 * DAY), { accountId: reporter, reportId: id });
  });
  // Fixed, waiting for the citizen's confirmation.
  await step('yesil-light', async ({ actor, number }) => {
    await acknowledgeReport(back(deps, 24 * DAY), actor, number, META);
    await markFixed(back(deps, 5 * DAY), actor, number, { note: 'Шам ауыстырылды, жарық қалпына келтірілді.' }, await fix(230, 210, 120), META);
  });
  // In progress.
  await step('almaty-district-waste', async ({ actor, number }) => {
    await acknowledgeReport(back(deps, 5 * DAY), actor, number, META);
  });
  // 'saryarka-snow' stays as routed (assigned, new).
  // Overdue: never handled; the clocks job marks it and escalates it to the city akimat (below).
  // Planned answer.
  await step('almaty-heating', async ({ actor, number }) => {
    await acknowledgeReport(back(deps, 17 * DAY), actor, number, META);
    const planned = new Date(deps.clock.now().getTime() + 20 * 86_400_000).toISOString().slice(0, 10);
    await answerReport(back(deps, 10 * DAY), actor, number, { decision: 'planned', plannedOn: planned, text: 'Теплоснабжающая организация промоет систему отопления дома и заменит стояки в указанный срок.' }, META);
  });
  // Information requested and answered; then requested again (clock paused).
  await step('almaty-dogs', async ({ actor, number, id, reporter }) => {
    await acknowledgeReport(back(deps, 8 * DAY), actor, number, META);
    await requestInfo(back(deps, 7 * DAY), actor, number, { question: 'Мектептің нөмірін немесе нақты мекенжайын көрсетіңізші.' }, META);
    await provideInfo(back(deps, 6 * DAY), { accountId: reporter, reportId: id, text: '№ 54 мектеп, Тімірязев көшесі.' });
    await requestInfo(back(deps, 2 * DAY), actor, number, { question: 'Иттер қай уақытта жиі жүреді: таңертең бе, кешке ме?' }, META);
  });
  // Explained.
  await step('shymkent-water', async ({ actor, number }) => {
    await acknowledgeReport(back(deps, 20 * DAY), actor, number, META);
    await answerReport(back(deps, 9 * DAY), actor, number, { decision: 'explained', text: 'Слабый напор вечером вызван пиковым водопотреблением; водоканал завершит реконструкцию насосной станции района в следующем году, после чего напор восстановится.' }, META);
  });
  // Forwarded to the region's akimat (street trees near the regional road are the region's).
  await step('karaganda-trees', async ({ actor, number }) => {
    const [region] = await deps.db
      .select({ id: localBodies.id })
      .from(localBodies)
      .innerJoin(units, eq(units.kato, localBodies.unitKato))
      .where(and(eq(localBodies.kind, 'akimat'), eq(units.kato, '350000000')));
    if (region) await forwardReport(back(deps, 2 * DAY), actor, number, { toBodyId: region.id, reason: 'The tree stands on the regional road verge maintained by the region.' }, META);
  });
  // A duplicate merged into the first report of the same playground.
  await step('pavlodar-yard', async ({ actor, number }) => {
    await acknowledgeReport(back(deps, 11 * DAY), actor, number, META);
  });
  const target = byKey.get('pavlodar-yard');
  if (target) {
    await step('pavlodar-yard-dup', async ({ actor, number }) => {
      const [t] = await deps.db.select({ number: reports.registrationNumber }).from(reports).where(eq(reports.id, target.id));
      await mergeReport(back(deps, 10 * DAY), actor, number, { target: t!.number }, META);
    });
  }
  // Fixed, the citizen rejected the fix: reopened and escalated by the clocks job.
  await step('oskemen-road', async ({ actor, number, id, reporter }) => {
    await acknowledgeReport(back(deps, 27 * DAY), actor, number, META);
    await answerReport(back(deps, 20 * DAY), actor, number, { decision: 'resolved', text: 'Выполнен ямочный ремонт асфальта на въезде во двор.', templateCode: 'roads-pothole-repaired' }, META);
    await markFixed(back(deps, 15 * DAY), actor, number, {}, await fix(90, 90, 95), META);
    await rejectFix(back(deps, 12 * DAY), { accountId: reporter, reportId: id, reason: 'Лужа осталась, отремонтирован только край, вода по-прежнему стоит.' });
  });
  // Fixed 20 days ago without a word from the citizen: the clocks job closes it unconfirmed.
  await step('aktobe-light', async ({ actor, number }) => {
    await acknowledgeReport(back(deps, 34 * DAY), actor, number, META);
    await markFixed(back(deps, 20 * DAY), actor, number, { note: 'All three lamps replaced with LED lamps.' }, await fix(240, 220, 150), META);
  });

  // The scheduled job, as it would have run: overdue marking, escalations, auto-close.
  await runReportClocks(deps);

  const created = (await deps.db.select({ id: reports.id }).from(reports).where(inArray(reports.id, [...byKey.values()].map((r) => r.id)))).length;
  return { created };
}
