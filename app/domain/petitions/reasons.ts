import { z } from 'zod';

/**
 * Why a moderator rejects a petition: coded reasons (labels in the i18n area `petitions`,
 * `petitions.reason.<code>`), and the prohibited topic groups of the law as data
 * (db/seed/data/dauys_prohibited_topics.json, validated by prohibitedTopicsFileSchema; the file says
 * which groups are verified — most are NOT checked against the law's text).
 */

export const REJECTION_REASON_CODES = [
  'duplicate',
  'prohibited-topic',
  'outside-competence',
  'offensive',
  'no-concrete-request',
] as const;
export type RejectionReasonCode = (typeof REJECTION_REASON_CODES)[number];

/**
 * How each reason behaves: whether it names a prohibited topic group, and whether the petition's
 * text stays hidden from the public after rejection (as alphagov/e-petitions hides offensive text).
 */
export const REJECTION_REASONS: Readonly<Record<RejectionReasonCode, { needsTopicGroup: boolean; hidesText: boolean }>> = {
  duplicate: { needsTopicGroup: false, hidesText: false },
  'prohibited-topic': { needsTopicGroup: true, hidesText: false },
  'outside-competence': { needsTopicGroup: false, hidesText: false },
  offensive: { needsTopicGroup: false, hidesText: true },
  'no-concrete-request': { needsTopicGroup: false, hidesText: false },
};

/** The codes of the prohibited topic groups (must match dauys_prohibited_topics.json, in order). */
export const PROHIBITED_TOPIC_CODES = [
  'constitutional-order',
  'territorial-structure',
  'language',
  'elections-referendums',
  'justice-prosecution',
  'amnesty-pardon',
  'special-services-state-secrets',
  'president-parliament',
  'senior-appointments',
  'law-enforcement-operations',
  'state-body-functions',
  'defence-national-security',
  'foreign-policy-treaties',
  'interethnic-interfaith-relations',
  'incitement-extremism',
  'specific-criminal-cases',
  'private-life-honour',
] as const;
export type ProhibitedTopicCode = (typeof PROHIBITED_TOPIC_CODES)[number];

/** A moderator's explanation, shown with the coded reason. */
const note = z.string().trim().min(1).max(2_000).optional();

export const rejectionReasonSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('prohibited-topic'), topicGroup: z.enum(PROHIBITED_TOPIC_CODES), note }).strict(),
  /** duplicateOf: the id of the petition this one duplicates, when known. */
  z.object({ code: z.literal('duplicate'), duplicateOf: z.string().trim().min(1).optional(), note }).strict(),
  z.object({ code: z.enum(['outside-competence', 'offensive', 'no-concrete-request']), note }).strict(),
]);
export type RejectionReason = z.output<typeof rejectionReasonSchema>;

export type RejectionReasonRefusal = 'unknown-reason' | 'topic-group-required' | 'unknown-topic-group' | 'malformed-reason';

/** Checks a rejection reason (e.g. from the moderation form or a stored event). */
export function checkRejectionReason(
  input: unknown,
): { kind: 'ok'; reason: RejectionReason } | { kind: 'refused'; reason: RejectionReasonRefusal } {
  const parsed = rejectionReasonSchema.safeParse(input);
  if (parsed.success) return { kind: 'ok', reason: parsed.data };
  const code = (input as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !(REJECTION_REASON_CODES as readonly string[]).includes(code))
    return { kind: 'refused', reason: 'unknown-reason' };
  if (code === 'prohibited-topic') {
    const group = (input as { topicGroup?: unknown }).topicGroup;
    if (group === undefined || group === null || group === '') return { kind: 'refused', reason: 'topic-group-required' };
    if (!(PROHIBITED_TOPIC_CODES as readonly unknown[]).includes(group)) return { kind: 'refused', reason: 'unknown-topic-group' };
  }
  return { kind: 'refused', reason: 'malformed-reason' };
}

// ---------------------------------------------------------------------------------------------
// The data file

const text = z.string().trim().min(1, 'expected a non-empty string');

export const prohibitedTopicsFileSchema = z
  .object({
    _meta: z.object({ description: text, status: text }).loose(),
    expected_total: z.number().int().positive(),
    groups: z.array(
      z.object({
        code: z.enum(PROHIBITED_TOPIC_CODES),
        label: z.object({ kk: text, ru: text, en: text }),
        verification: z.enum(['verified-law-text', 'reported-in-press', 'unverified-candidate']),
        confidence: z.enum(['high', 'medium', 'low']),
        note: text.optional(),
      }),
    ),
  })
  .superRefine((file, ctx) => {
    const codes = file.groups.map((g) => g.code);
    if (new Set(codes).size !== codes.length) ctx.addIssue({ code: 'custom', path: ['groups'], message: 'duplicate code' });
    if (codes.join() !== PROHIBITED_TOPIC_CODES.join())
      ctx.addIssue({ code: 'custom', path: ['groups'], message: 'expected exactly the codes of PROHIBITED_TOPIC_CODES, in order' });
    if (file.groups.length !== file.expected_total)
      ctx.addIssue({ code: 'custom', path: ['groups'], message: `expected ${file.expected_total} groups, got ${file.groups.length}` });
  });

export type ProhibitedTopicsFile = z.output<typeof prohibitedTopicsFileSchema>;
export type ProhibitedTopic = ProhibitedTopicsFile['groups'][number];
