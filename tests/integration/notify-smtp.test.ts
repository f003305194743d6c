import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, localBodies, notifications, petitions } from '../../db/schema';
import { seedReferenceData } from '../../db/seed';
import type { Actor } from '../../app/domain/identity/permissions';
import { relayOutbox } from '../../app/domain/outbox/outbox.server';
import { actAsAddressee, applyCountMilestones, createPetition, moderatePetition, submitForSupport } from '../../app/domain/petitions/petitions.server';
import { silentLogger, systemClock } from '../../app/domain/shared/deps';
import { reconcileCounts } from '../../app/domain/signatures/counts.server';
import { getIdentityConfig } from '../../app/services/identity.server';
import { createMailer } from '../../app/services/mailer.server';
import { bullmqPublisher, closeQueues, createQueues, type Queues } from '../../app/services/queue.server';
import { startWorkers, type RunningWorkers } from '../../workers/runtime';
import { PUBLIC_ORIGIN, startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { bulkCitizens, type FixtureCitizen } from '../support/fixtures';
import { createTestRedis, type TestRedis } from '../support/redis';
import { browserFor, signOverHttp } from '../support/signing';

/**
 * Email delivery end to end, with a real SMTP server (smtp-server) on a loopback port: petition
 * events write notifications and outbox rows in their transactions; the outbox relay publishes
 * them to BullMQ (a private Redis prefix); the notify worker renders each message in the
 * recipient's language and sends it with the portal's own mailer (nodemailer over SMTP, the
 * SMTP_URL path); the server receives it. The received raw message is decoded here (MIME encoded
 * words, quoted-printable or base64) and checked: recipient, subject, links to the public origin.
 *
 * Shortcuts, said plainly: the email address and language of the two citizens are written to
 * their accounts directly (no profile page sets them yet); reaching the signature threshold is
 * DECLARED to applyCountMilestones (the count reconciler's call) rather than gathered with the
 * 16,383 signatures an Astana petition needs. The one signature of the signer is real: a passkey
 * assertion over HTTP, with "tell me the outcome" ticked.
 */

interface Received {
  from: string;
  to: string[];
  raw: string;
}

let tdb: TestDatabase;
let app: TestApp;
let redis: TestRedis;
let queues: Queues;
let smtp: SMTPServer;
let smtpPort: number;
const received: Received[] = [];
const db = () => tdb.handle.db;
const deps = () => ({ db: db(), clock: systemClock, log: silentLogger });

// ---------------------------------------------------------------------------------------------
// Reading a raw RFC 5322 message (single text part, as the portal sends)

function bytesOfQuotedPrintable(text: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      out.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(...Buffer.from(c, 'utf8'));
  }
  return Buffer.from(out);
}

/** RFC 2047 encoded words; adjacent words are joined as bytes first (a character may span two). */
function decodeWords(value: string): string {
  return value.replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)(\s+=\?[^?]+\?[BbQq]\?[^?]*\?=)*/g, (run) => {
    const parts = [...run.matchAll(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g)].map(([, , enc, text]) =>
      enc!.toUpperCase() === 'B' ? Buffer.from(text!, 'base64') : bytesOfQuotedPrintable(text!.replace(/_/g, ' ')),
    );
    return Buffer.concat(parts).toString('utf8');
  });
}

function parseMessage(raw: string): { headers: Map<string, string>; text: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? bytesOfQuotedPrintable(body.replace(/=\r?\n/g, '')).toString('utf8')
        : body;
  return { headers, text: text.replace(/\r\n/g, '\n') };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedReferenceData(db());
  app = await startTestApp(tdb.handle);
  redis = createTestRedis();
  queues = createQueues(redis.connection, redis.prefix);
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        received.push({ from, to: session.envelope.rcptTo.map((a) => a.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await closeQueues(queues);
  await redis.cleanup();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await app.close();
  await tdb.drop();
});

describe('email notifications through outbox, relay, worker and SMTP', () => {
  let author: FixtureCitizen;
  let signer: FixtureCitizen;
  let petitionId: string;
  const title = 'Детская площадка во дворе дома 12 по улице Сыганак';

  beforeAll(async () => {
    const citizens = await bulkCitizens(db(), getIdentityConfig(), 2, { origin: PUBLIC_ORIGIN, residenceUnitKato: '711110000', serialOffset: 700 });
    author = citizens[0]!;
    signer = citizens[1]!;
    await db().update(accounts).set({ email: 'author@example.kz', locale: 'ru' }).where(eq(accounts.id, author.accountId));
    await db().update(accounts).set({ email: 'signer@example.kz', locale: 'kk' }).where(eq(accounts.id, signer.accountId));

    const [astana] = await db().select({ id: localBodies.id }).from(localBodies).where(and(eq(localBodies.unitKato, '710000000'), eq(localBodies.kind, 'akimat')));
    const moderator: Actor = { accountId: randomUUID(), kind: 'staff', roles: [{ role: 'moderator', bodyId: null }] };
    const officer: Actor = { accountId: randomUUID(), kind: 'staff', roles: [{ role: 'akimat_officer', bodyId: astana!.id }] };

    const created = await createPetition(
      deps(),
      author.actor,
      {
        title,
        body: 'Во дворе нет ни одной площадки для детей, малыши играют у проезжей части. Просим построить огороженную площадку с резиновым покрытием.',
        addresseeKind: 'akimat',
        unitKato: '710000000',
        topic: 'housing',
      },
      { initialSupport: 1 },
    );
    if (created.kind !== 'created') throw new Error(JSON.stringify(created));
    petitionId = created.id;
    expect((await submitForSupport(deps(), author.actor, petitionId)).kind).toBe('ok');
    // The signer supports it for real and asks to hear the outcome; the reconciler sends it to moderation.
    const signed = await signOverHttp(await browserFor(app, signer), signer, petitionId);
    expect(signed.status).toBe(200);
    expect((await reconcileCounts(deps())).milestones).toBe(1);
    expect((await moderatePetition(deps(), moderator, petitionId, { decision: 'approve' })).kind).toBe('ok');
    const [p] = await db().select().from(petitions).where(eq(petitions.id, petitionId));
    expect(await db().transaction((tx) => applyCountMilestones(tx, { clock: systemClock }, petitionId, p!.thresholdRequired!))).toBe('closed-reached');
    expect((await actAsAddressee(deps(), officer, petitionId, { action: 'register' })).kind).toBe('ok');
    const answer = await actAsAddressee(deps(), officer, petitionId, {
      action: 'answer',
      decision: 'partially-accepted',
      responseText: 'Площадка будет построена летом; резиновое покрытие — в следующем году.',
    });
    expect(answer.kind).toBe('ok');
  });

  it('delivers every email once, in the recipient’s language, linking to the petition on the public origin', async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${smtpPort}`, mailDir: '/nonexistent/never-written', from: 'Dauys <no-reply@dauys.kz>', baseUrl: PUBLIC_ORIGIN });
    const emails = await db().select().from(notifications).where(eq(notifications.channel, 'email'));
    expect(emails).toHaveLength(7); // the author: 6 state changes; the signer: the outcome
    expect(await relayOutbox(db(), bullmqPublisher(queues))).toBeGreaterThanOrEqual(7);

    let workers: RunningWorkers | undefined;
    try {
      workers = startWorkers({ connection: redis.connection, prefix: redis.prefix, log: silentLogger, ctx: { deps: deps(), mailer } });
      await waitFor(async () => (await db().select().from(notifications).where(and(eq(notifications.channel, 'email'), isNull(notifications.sentAt)))).length === 0);
    } finally {
      await workers?.close();
    }
    expect(received).toHaveLength(7);
    const link = `${PUBLIC_ORIGIN}/petitions/${petitionId}`;

    // The author's state changes, in Russian.
    const toAuthor = received.filter((m) => m.to.join() === 'author@example.kz').map((m) => ({ ...m, ...parseMessage(m.raw) }));
    const ruStates = ['Сбор первичной поддержки', 'На модерации', 'Открыта для подписания', 'Порог достигнут, направлена адресату', 'На рассмотрении', 'Получен ответ'];
    expect(toAuthor.map((m) => decodeWords(m.headers.get('subject')!)).sort()).toEqual(ruStates.map((s) => `Ваша петиция «${title}»: ${s}`).sort());
    for (const m of toAuthor) {
      expect(m.from).toBe('no-reply@dauys.kz');
      expect(decodeWords(m.headers.get('to')!)).toBe('author@example.kz');
      expect(m.text).toContain('Здравствуйте, Citizen0 T.!');
      expect(m.text).toContain(`Петиция на Dauys: ${link}`);
      expect(m.text).toContain('Вы получили это сообщение, потому что у вас есть учётная запись в Dauys.');
    }

    // The signer's outcome, in Kazakh.
    const toSigner = received.filter((m) => m.to.join() === 'signer@example.kz').map((m) => ({ ...m, ...parseMessage(m.raw) }));
    expect(toSigner).toHaveLength(1);
    expect(decodeWords(toSigner[0]!.headers.get('subject')!)).toBe(`«${title}» петициясына жауап берілді`);
    expect(toSigner[0]!.text).toContain('Ішінара қолдау тапты');
    expect(toSigner[0]!.text).toContain(`Dauys-тағы жауап: ${link}`);

    // Each message carries the notification's stable id, which the row records as delivered.
    const sent = await db().select().from(notifications).where(eq(notifications.channel, 'email'));
    const ids = received.map((m) => parseMessage(m.raw).headers.get('message-id')).sort();
    expect(ids).toEqual(sent.map((n) => `<notification-${n.id}@dauys>`).sort());
    for (const n of sent) expect(n.deliveryRef).toBe(`<notification-${n.id}@dauys>`);
  });
});
