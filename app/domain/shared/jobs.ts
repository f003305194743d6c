import { z } from 'zod';

/**
 * Job contracts: every message that crosses the queue, as a zod union keyed by topic. Payloads
 * carry ids only, never personal data. Each topic belongs to one queue (one worker pool per queue).
 */
export const QUEUES = ['notify', 'signatures', 'maintenance', 'linking', 'reports'] as const;
export type QueueName = (typeof QUEUES)[number];

export const JobMessage = z.discriminatedUnion('topic', [
  z.object({ topic: z.literal('notify.deliver'), notificationId: z.number().int().positive() }),
  /** A signature was recorded: integrity checks. */
  z.object({ topic: z.literal('signature.recorded'), signatureId: z.string().uuid() }),
  /** Scheduled: fold count events into petition counts (batched, advisory-locked). */
  z.object({ topic: z.literal('counts.reconcile') }),
  /** Scheduled: close petitions whose signing window ended. */
  z.object({ topic: z.literal('petitions.expire') }),
  /** A petition was created or its text changed: score it against the national projects. */
  z.object({ topic: z.literal('petition.link'), petitionId: z.string().uuid() }),
  /** A national project changed: re-score every petition. */
  z.object({ topic: z.literal('projects.relink') }),
  /** A local issue report was filed: route it to the responsible akimat (idempotent). */
  z.object({ topic: z.literal('report.route'), reportId: z.string().uuid() }),
  /** Scheduled: report clocks (overdue marking and escalation, reopened escalation, auto-close). */
  z.object({ topic: z.literal('reports.clocks') }),
]);
export type JobMessage = z.infer<typeof JobMessage>;
export type Topic = JobMessage['topic'];

export const QUEUE_OF_TOPIC: Record<Topic, QueueName> = {
  'notify.deliver': 'notify',
  'signature.recorded': 'signatures',
  'counts.reconcile': 'maintenance',
  'petitions.expire': 'maintenance',
  'petition.link': 'linking',
  'projects.relink': 'linking',
  'report.route': 'reports',
  'reports.clocks': 'reports',
};

/** The job id used on the queue for an outbox row: replays of the same row are ignored by BullMQ. */
export function jobIdForOutbox(outboxId: number): string {
  return `ob-${outboxId}`;
}

/** Splits a message into topic and payload (the payload is what the queue stores). */
export function toPayload(message: JobMessage): { topic: Topic; payload: Omit<JobMessage, 'topic'> } {
  const { topic, ...payload } = message;
  return { topic, payload };
}

/** Parses a queue job back into a message; throws a ZodError for a malformed payload. */
export function parseJob(topic: string, payload: unknown): JobMessage {
  return JobMessage.parse({ ...(payload as object), topic });
}
