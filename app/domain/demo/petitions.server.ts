import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { accounts, passkeys, petitions, staffRoles } from '../../../db/schema';
import type { IdentityConfig } from '../identity/config';
import type { Actor } from '../identity/permissions';
import { actAsAddressee, createPetition, moderatePetition, submitForSupport } from '../petitions/petitions.server';
import { reconcileCounts } from '../signatures/counts.server';
import { signPetition, startSigning } from '../signatures/signing.server';
import type { Deps } from '../shared/deps';
import { back, insertDemoCitizen } from './people.server';
import { SoftAuthenticator } from './soft-authenticator.server';

/**
 * Demo petitions for local runs: a few petitions in different states, signed by demo citizens
 * through the real signing path (their passkeys are software authenticators, so every demo
 * signature carries real, re-verifiable evidence). Created once: nothing happens if any petition
 * exists. Demo identities are not real people.
 */
interface DemoCitizen {
  actor: Actor;
  authenticator: SoftAuthenticator;
}

const RESIDENCES = ['711110000', '711210000', '711310000', '751310000', '751110000', '751410000', '101000000', '151000000', '191000000', '231000000', '271000000', '311000000'];

async function demoCitizens(deps: Deps, cfg: IdentityConfig, n: number): Promise<DemoCitizen[]> {
  const out: DemoCitizen[] = [];
  for (let i = 0; i < n; i++) {
    const birthDate = `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`;
    const residence = RESIDENCES[i % RESIDENCES.length]!;
    const longAgo = new Date(deps.clock.now().getTime() - (60 + i) * 86_400_000);
    const accountId = await insertDemoCitizen(deps, cfg, {
      birthDate,
      sex: i % 2 ? 'M' : 'F',
      serial: 7000 + i,
      givenName: `Demo${i + 1}`,
      familyName: 'Citizen',
      displayName: `Demo${i + 1} C.`,
      residence,
      since: longAgo,
    });
    if (!accountId) continue;
    const authenticator = new SoftAuthenticator(cfg.origins[0]!);
    authenticator.createCredential({ challenge: 'AA', rp: { id: cfg.rpId, name: cfg.rpName }, user: { id: Buffer.from(accountId).toString('base64url'), name: 'demo', displayName: 'demo' }, pubKeyCredParams: [] });
    const cred = authenticator.credentials[0]!;
    await deps.db.insert(passkeys).values({ accountId, credentialId: cred.id, publicKey: cred.publicKey, transports: ['internal'], name: 'Demo passkey', createdAt: longAgo });
    out.push({ actor: { accountId, kind: 'citizen', roles: [] }, authenticator });
  }
  return out;
}

const AGENTS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 15; SM-A556B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Safari/605.1.15',
];

/**
 * Signs as a demo citizen at a moment in the past (demo signatures are spread over days, from
 * varied networks and devices, as real ones are), through the real signing path.
 */

async function sign(deps: Deps, cfg: IdentityConfig, c: DemoCitizen, petitionId: string, hoursAgo: number, k: number): Promise<boolean> {
  const past = back(deps, hoursAgo);
  const start = await startSigning(past, cfg, c.actor, petitionId);
  if (start.kind !== 'ready') return false;
  const response = c.authenticator.getAssertion(start.options);
  const outcome = await signPetition(past, cfg, c.actor, petitionId, response, {
    // Documentation address ranges (RFC 5737): demo traffic never names a real network.
    ip: `${['192.0.2', '198.51.100', '203.0.113'][k % 3]}.${(k * 37) % 250 + 2}`,
    userAgent: AGENTS[k % AGENTS.length]!,
    deviceId: `demo-device-${c.actor.accountId.slice(0, 18)}`,
    notifyOnOutcome: k % 2 === 0,
  });
  return outcome.kind === 'signed';
}

async function demoStaffActor(deps: Deps, role: 'moderator' | 'akimat_officer', bodyId: number | null, name: string): Promise<Actor> {
  const accountId = randomUUID();
  await deps.db.insert(accounts).values({ id: accountId, kind: 'staff', displayName: name });
  await deps.db.insert(staffRoles).values({ accountId, role, bodyId });
  return { accountId, kind: 'staff', roles: [{ role, bodyId }] };
}

const TEXTS = {
  wifi: {
    title: 'Ауыл мектептерінің бәріне жылдам интернет',
    body: 'Ауылдық мектептердің көбінде интернет баяу немесе мүлде жоқ. Оқушылар цифрлық сабақтарға, онлайн олимпиадаларға қатыса алмайды. Үкіметтен 2027 жылға дейін барлық ауыл мектептерін кемінде 100 Мбит/с жылдамдықтағы интернетке қосуды сұраймыз.',
  },
  crossings: {
    title: 'Безопасные пешеходные переходы у школ Астаны',
    body: 'Возле многих школ Астаны нет светофоров и искусственных неровностей, дети переходят широкие проспекты без защиты. Просим акимат города до начала учебного года оборудовать переходы у всех школ светофорами, освещением и «лежачими полицейскими».',
  },
  parks: {
    title: 'Shade trees and drinking fountains in Almaty parks',
    body: 'Summers in Almaty are getting hotter and the city parks have too little shade and no drinking water. We ask the akimat of Almaty to plant shade trees along the main alleys and install free drinking fountains in every city park within two years.',
  },
  rejected: {
    title: 'Change the state borders of the country',
    body: 'We ask the Government to change the borders of the Republic of Kazakhstan and to redraw the administrative map of the country according to this proposal, which is attached below in full.',
  },
  collecting: {
    title: 'Қысқы уақытта аялдамаларды жылыту',
    body: 'Қыста қоғамдық көлік аялдамаларында адамдар ұзақ күтеді, әсіресе қарттар мен балалар тоңады. Әкімдіктен негізгі аялдамаларда жылытылатын павильондар орнатуды сұраймыз.',
  },
} as const;

export async function seedDemoPetitions(deps: Deps, cfg: IdentityConfig): Promise<{ created: number }> {
  const [{ n }] = (await deps.db.select({ n: sql<number>`count(*)::int` }).from(petitions)) as [{ n: number }];
  if (Number(n) > 0) return { created: 0 };
  const people = await demoCitizens(deps, cfg, 36);
  const astanaResidents = people.filter((_, i) => RESIDENCES[i % RESIDENCES.length]!.startsWith('71'));
  const almatyResidents = people.filter((_, i) => RESIDENCES[i % RESIDENCES.length]!.startsWith('75'));
  const moderator = await demoStaffActor(deps, 'moderator', null, 'Dauys moderation (demo)');
  const settings = { initialSupport: 3 };

  // Each demo petition has a history: written 30 days ago, supported within days, moderated
  // 20 days ago; signatures follow over the next days.
  const open = async (author: DemoCitizen, input: Record<string, string>, supporters: DemoCitizen[]) => {
    const created = await createPetition(back(deps, 24 * 30), author.actor, input, settings);
    if (created.kind !== 'created') throw new Error(`demo petition refused: ${created.reason}`);
    await submitForSupport(back(deps, 24 * 29), author.actor, created.id);
    let k = 0;
    for (const s of supporters.slice(0, settings.initialSupport)) await sign(deps, cfg, s, created.id, 24 * 27 - k * 9, k++);
    await reconcileCounts(back(deps, 24 * 25));
    return created.id;
  };

  // 1. National, open, signed across regions.
  const wifi = await open(people[0]!, { ...TEXTS.wifi, addresseeKind: 'government', topic: 'education' }, people.slice(1));
  await moderatePetition(back(deps, 24 * 20), moderator, wifi, { decision: 'approve' });
  for (const [k, c] of people.slice(4, 30).entries()) await sign(deps, cfg, c, wifi, 24 * 19 - k * 15, k);

  // 2. Astana city akimat, open, signed by residents.
  const crossings = await open(astanaResidents[0]!, { ...TEXTS.crossings, addresseeKind: 'akimat', unitKato: '710000000', topic: 'roads' }, astanaResidents.slice(1));
  await moderatePetition(back(deps, 24 * 20), moderator, crossings, { decision: 'approve' });
  for (const [k, c] of astanaResidents.slice(4).entries()) await sign(deps, cfg, c, crossings, 24 * 19 - k * 31, k + 1);

  // 3. Almaty city akimat: a demo threshold of 6 is reached, registered, answered, with progress.
  const parks = await open(almatyResidents[0]!, { ...TEXTS.parks, addresseeKind: 'akimat', unitKato: '750000000', topic: 'environment' }, almatyResidents.slice(1));
  await moderatePetition(back(deps, 24 * 20), moderator, parks, { decision: 'approve' });
  await deps.db.update(petitions).set({ thresholdRequired: 6 }).where(eq(petitions.id, parks)); // demo threshold, not 1 % of Almaty
  for (const [k, c] of almatyResidents.slice(1).entries()) await sign(deps, cfg, c, parks, 24 * 19 - k * 23, k + 2);
  await reconcileCounts(back(deps, 24 * 9));
  const [almatyAkimat] = await deps.db.execute(sql`select id from local_bodies where unit_kato = '750000000' and kind = 'akimat'`).then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { id: number }[]);
  const officer = await demoStaffActor(deps, 'akimat_officer', almatyAkimat!.id, 'Almaty akimat officer (demo)');
  await actAsAddressee(back(deps, 24 * 8), officer, parks, { action: 'register' });
  await actAsAddressee(back(deps, 24 * 3), officer, parks, {
    action: 'answer',
    decision: 'partially-accepted',
    responseText: 'The akimat will plant 4,000 shade trees in the six largest parks in 2027 and install 40 drinking fountains; the remaining parks are included in the 2028 plan.',
  });
  await actAsAddressee(back(deps, 24), officer, parks, { action: 'milestone', text: 'The first 1,200 trees were planted in Central Park and Gorky Park.', progressPercent: 30 });

  // 4. Rejected with a public, coded reason.
  const rejected = await open(people[30]!, { ...TEXTS.rejected, addresseeKind: 'government', topic: 'governance' }, people.slice(31));
  await moderatePetition(back(deps, 24 * 22), moderator, rejected, { decision: 'reject', reason: 'prohibited-topic', topicGroup: 'territorial-structure', note: 'Changing the state border cannot be the subject of a petition.' });

  // 5. Gathering initial support (visible by link only).
  const created = await createPetition(back(deps, 24 * 2), astanaResidents[1]!.actor, { ...TEXTS.collecting, addresseeKind: 'akimat', unitKato: '710000000', topic: 'roads' }, { initialSupport: 50 });
  if (created.kind === 'created') await submitForSupport(back(deps, 24 * 2), astanaResidents[1]!.actor, created.id);

  await reconcileCounts(deps);
  return { created: 5 };
}
