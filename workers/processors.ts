import { UnrecoverableError, type Job } from 'bullmq';
import { ZodError } from 'zod';
import { deliverNotification, type MailPort } from '../app/domain/notify/notify.server';
import { expirePetitions } from '../app/domain/petitions/petitions.server';
import { linkPetition, relinkAll } from '../app/domain/projects/links.server';
import { runReportClocks } from '../app/domain/reports/clocks.server';
import { routeFiledReport } from '../app/domain/reports/filing.server';
import { reconcileCounts } from '../app/domain/signatures/counts.server';
import { screenSignature } from '../app/domain/integrity/screening.server';
import type { Deps } from '../app/domain/shared/deps';
import { DomainError } from '../app/domain/shared/errors';
import { parseJob, type JobMessage } from '../app/domain/shared/jobs';

export interface WorkerContext {
  deps: Deps;
  mailer: MailPort;
}

/** One line per topic: parse, call the domain. Each domain call is idempotent per job. */
async function dispatch(ctx: WorkerContext, message: JobMessage): Promise<unknown> {
  switch (message.topic) {
    case 'notify.deliver':
      return deliverNotification(ctx.deps, ctx.mailer, message.notificationId);
    case 'signature.recorded':
      return screenSignature(ctx.deps, message.signatureId);
    case 'counts.reconcile':
      return reconcileCounts(ctx.deps);
    case 'petitions.expire':
      return expirePetitions(ctx.deps);
    case 'petition.link':
      return linkPetition(ctx.deps, message.petitionId);
    case 'projects.relink':
      return relinkAll(ctx.deps);
    case 'report.route':
      return routeFiledReport(ctx.deps, message.reportId);
    case 'reports.clocks':
      return runReportClocks(ctx.deps);
  }
}

/** Processes a queue job; a malformed payload or a refused domain rule fails it without retry. */
export async function processJob(ctx: WorkerContext, job: Pick<Job, 'name' | 'data' | 'id'>): Promise<unknown> {
  let message: JobMessage;
  try {
    message = parseJob(job.name, job.data);
  } catch (err) {
    if (err instanceof ZodError) throw new UnrecoverableError(`malformed ${job.name} job ${job.id}: ${err.message}`);
    throw err;
  }
  try {
    return await dispatch(ctx, message);
  } catch (err) {
    if (err instanceof DomainError) throw new UnrecoverableError(`${job.name} job ${job.id}: ${err.code}`);
    throw err;
  }
}
