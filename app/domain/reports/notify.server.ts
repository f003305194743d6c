import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { accounts, reportApplicants, reports } from '../../../db/schema';
import { isLocale, type Locale } from '../../i18n';
import { createNotification, type Template } from '../notify/notify.server';
import { NotFoundError } from '../shared/errors';
import type { ReportEvent } from './states';

/**
 * Applicants hear of every step of their report: the reporter and every co-applicant ("me too"),
 * in the portal and by email when an address is known, each in their own language. A report filed
 * by a partner system (Open311) is told by email to the contact the partner supplied, if any.
 *
 * Call inside the transaction of the step, after the report row was updated (the message names the
 * new status), so the notifications exist exactly when the step does.
 *
 * Templates (i18n `notify.<template>`, core en/ru/kk): each event has its own message where the
 * citizen needs to do or know something particular; the others share `reportStep` ("the status of
 * your report is now ..."). Params every template gets: name, number, status, path (-> url);
 * callers add the event's own (text, akimat, dueOn, decision, reason).
 */

export const REPORT_TEMPLATE_OF_EVENT: Partial<Record<ReportEvent, Template>> = {
  file: 'reportFiled',
  route: 'reportRouted',
  'request-info': 'reportInfoRequested',
  forward: 'reportForwarded',
  extend: 'reportExtended',
  answer: 'reportAnswered',
  'mark-fixed': 'reportFixed',
  escalate: 'reportEscalated',
  join: 'reportJoined',
};

export type NotifyParams = Record<string, string | number>;
/** Params, or params per language (e.g. the akimat's name in the recipient's language). */
export type NotifyParamsIn = NotifyParams | ((locale: Locale) => NotifyParams);

const paramsIn = (params: NotifyParamsIn, locale: Locale): NotifyParams => (typeof params === 'function' ? params(locale) : params);

/** The citizen's own page of a report. */
export function myReportPath(registrationNumber: string): string {
  return `/my/reports/${registrationNumber}`;
}

/**
 * Notifies the applicants of `reportId` of `eventType`. `only` restricts the recipients (e.g. a
 * "me too" tells only the citizen who joined). Returns how many notifications were created.
 */
export async function notifyApplicants(
  tx: Db,
  reportId: string,
  eventType: ReportEvent,
  params: NotifyParamsIn = {},
  opts: { only?: readonly string[] } = {},
): Promise<number> {
  const [report] = await tx
    .select({
      registrationNumber: reports.registrationNumber,
      status: reports.status,
      locale: reports.locale,
      partnerId: reports.partnerId,
      partnerContact: reports.partnerContact,
    })
    .from(reports)
    .where(eq(reports.id, reportId));
  if (!report) throw new NotFoundError('report');
  const template = REPORT_TEMPLATE_OF_EVENT[eventType] ?? 'reportStep';
  const base: NotifyParams = {
    number: report.registrationNumber,
    status: report.status,
    event: eventType,
    path: myReportPath(report.registrationNumber),
  };

  const people = await tx
    .select({ id: accounts.id, displayName: accounts.displayName, email: accounts.email, locale: accounts.locale, disabledAt: accounts.disabledAt })
    .from(reportApplicants)
    .innerJoin(accounts, eq(accounts.id, reportApplicants.accountId))
    .where(eq(reportApplicants.reportId, reportId))
    .orderBy(reportApplicants.joinedAt, accounts.id);

  let created = 0;
  for (const person of people) {
    if (person.disabledAt) continue;
    if (opts.only && !opts.only.includes(person.id)) continue;
    const locale: Locale = isLocale(person.locale) ? person.locale : 'kk';
    const all = { name: person.displayName, ...base, ...paramsIn(params, locale) };
    await createNotification(tx, { channel: 'in_app', recipientRef: person.id, locale, template, params: all });
    created++;
    if (person.email) {
      await createNotification(tx, { channel: 'email', recipientEmail: person.email, recipientRef: person.id, locale, template, params: all });
      created++;
    }
  }

  // A partner's report: the contact the partner supplied (the portal path is of no use to them).
  const contactEmail = report.partnerId && !opts.only ? report.partnerContact?.email : undefined;
  if (contactEmail) {
    const locale: Locale = isLocale(report.locale) ? report.locale : 'kk';
    const name = [report.partnerContact?.first_name, report.partnerContact?.last_name].filter(Boolean).join(' ');
    await createNotification(tx, {
      channel: 'email',
      recipientEmail: contactEmail,
      locale,
      template,
      params: { name: name || report.registrationNumber, ...base, ...paramsIn(params, locale), path: `/reports/${report.registrationNumber}` },
    });
    created++;
  }
  return created;
}
