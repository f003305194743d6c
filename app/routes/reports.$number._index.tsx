import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { getReportMap } from '../domain/reports/map.server';
import { getPublicReport } from '../domain/reports/public.server';
import { explainRouting } from '../domain/routing/explain';
import { DEFAULT_LOCALE, getT, isLocale } from '../i18n';
import { getDeps } from '../services/db.server';
import styles from '../styles/reports-public.css';
import { useDates } from '../ui/dates';
import { useLocale, useNames } from '../ui/locale';
import { ClockLine, GroupBadge } from '../ui/reports-public/cards';
import { ReportMap } from '../ui/reports-public/report-map';
import { ReportPhotoList } from '../ui/reports-public/photos';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];

export async function loader({ params }: LoaderFunctionArgs) {
  const deps = getDeps();
  const report = await getPublicReport(deps, params.number ?? '');
  if (!report) throw new Response('Not Found', { status: 404 });
  const map = report.point && report.region ? await getReportMap(deps, report.region.kato, [{ number: report.number, lon: report.point.lon, lat: report.point.lat, group: report.group, categoryCode: report.category.code }]) : null;
  return { report, map };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const locale = (matches.find((m) => m.id === 'root')?.data as { locale?: unknown } | undefined)?.locale;
  const t = getT(isLocale(locale) ? locale : DEFAULT_LOCALE);
  if (!data) return [{ title: `${t('errors.notFoundTitle')} — ${t('shell.brand')}` }];
  return [{ title: `${t('reportPublic.page.title', { number: data.report.number })} — ${t('shell.brand')}` }];
};

const EVENT_KEYS = new Set(['file', 'route', 'acknowledge', 'assign', 'request-info', 'info-provided', 'forward', 'extend', 'merge', 'answer', 'mark-fixed', 'close', 'confirm', 'reject-fix', 'auto-close', 'escalate', 'join']);

export default function PublicReportPage() {
  const { report: r, map } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const name = useNames();
  const locale = useLocale();
  const d = useDates();
  const k = 'reportPublic.page';
  const reportPhotos = r.photos.filter((p) => p.kind === 'report');
  const fixPhotos = r.photos.filter((p) => p.kind === 'fix');
  const routing = r.routingReason ? explainRouting(r.routingReason, locale).map((m) => t(m.key, m.params)) : [];
  return (
    <article aria-labelledby="report-title" className="report-page">
      <nav aria-label="breadcrumb" className="breadcrumb">
        <Link to="/reports">{t('reportPublic.list.title')}</Link> / <span aria-current="page">{r.number}</span>
      </nav>
      <header>
        <h1 id="report-title">
          {name(r.category)} — {r.number}
        </h1>
        <p className="report-meta">
          <GroupBadge group={r.group} status={r.status} />
          <span>
            {t(`${k}.registeredOn`)} {d.day(r.dates.registeredAt)}
          </span>
          {r.applicants > 1 ? <span>{t(`${k}.applicants`, { count: r.applicants, num: d.num(r.applicants) })}</span> : null}
          {r.source === 'open311' ? <span>{t(`${k}.viaPartner`)}</span> : null}
        </p>
      </header>

      {r.mergedInto ? (
        <p className="notice" data-testid="merged-into">
          {t(`${k}.mergedInto`)} <Link to={`/reports/${r.mergedInto}`}>{r.mergedInto}</Link>
        </p>
      ) : null}

      <section aria-labelledby="problem-title">
        <h2 id="problem-title">{t(`${k}.problem`)}</h2>
        <p className="pre-line" data-testid="report-description">
          {r.description}
        </p>
        <dl className="report-facts">
          <dt>{t(`${k}.category`)}</dt>
          <dd>{name(r.category)}</dd>
          {r.place ? (
            <>
              <dt>{t(`${k}.place`)}</dt>
              <dd>{r.region && r.region.kato !== r.place.kato ? `${name(r.place)}, ${name(r.region)}` : name(r.place)}</dd>
            </>
          ) : null}
          {r.address ? (
            <>
              <dt>{t(`${k}.address`)}</dt>
              <dd>{r.address}</dd>
            </>
          ) : null}
          {r.point ? (
            <>
              <dt>{t(`${k}.coordinates`)}</dt>
              <dd>
                {r.point.lat.toFixed(5)}, {r.point.lon.toFixed(5)}
              </dd>
            </>
          ) : null}
        </dl>
        {map ? <ReportMap map={map} small caption={t(`${k}.mapCaption`, { number: r.number })} /> : null}
        {reportPhotos.length > 0 ? (
          <>
            <h3>{t(`${k}.photos`)}</h3>
            <ReportPhotoList
              number={r.number}
              photos={reportPhotos}
              testId="report-photos"
              alt={(i) => t('reportPublic.photos.reportAlt', { n: i + 1, count: reportPhotos.length, number: r.number, category: name(r.category) })}
            />
          </>
        ) : null}
      </section>

      <section aria-labelledby="akimat-title">
        <h2 id="akimat-title">{t(`${k}.responsible`)}</h2>
        {r.akimat ? (
          <>
            <p data-testid="report-akimat">
              <Link to={`/akimats/${r.akimat.id}`}>{name(r.akimat)}</Link>
              {r.department ? ` — ${name(r.department)}` : null}
            </p>
            <p className="small">
              <Link to={`/akimats/${r.akimat.id}`}>{t(`${k}.accountabilityLink`)}</Link>
            </p>
          </>
        ) : (
          <p>{t(`${k}.routingPending`)}</p>
        )}
        {routing.length > 0 ? (
          <div className="muted small" data-testid="routing-reason">
            {routing.map((line, i) => (
              <p key={i}>{line}</p>
            ))}
          </div>
        ) : null}
        {r.escalatedTo ? (
          <p className="notice">
            {t(`${k}.escalatedTo`)} <Link to={`/akimats/${r.escalatedTo.id}`}>{name(r.escalatedTo)}</Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="clock-title">
        <h2 id="clock-title">{t(`${k}.clock`)}</h2>
        <dl className="report-facts" data-testid="report-clock">
          <dt>{t(`${k}.registered`)}</dt>
          <dd>{d.date(r.dates.registeredOn)}</dd>
          {r.dates.answerDueOn ? (
            <>
              <dt>{t(`${k}.answerDue`)}</dt>
              <dd>
                {d.date(r.dates.answerDueOn)}
                {r.dates.answerDueOnOriginal && r.dates.answerDueOnOriginal !== r.dates.answerDueOn ? (
                  <>
                    {' '}
                    ({t(`${k}.originallyDue`)} {d.date(r.dates.answerDueOnOriginal)})
                  </>
                ) : null}
              </dd>
            </>
          ) : null}
          {r.extensionReason ? (
            <>
              <dt>{t(`${k}.extended`)}</dt>
              <dd>{r.extensionReason}</dd>
            </>
          ) : null}
          {r.dates.acknowledgedAt ? (
            <>
              <dt>{t(`${k}.acknowledged`)}</dt>
              <dd>{d.day(r.dates.acknowledgedAt)}</dd>
            </>
          ) : null}
          {r.dates.answeredAt ? (
            <>
              <dt>{t(`${k}.answered`)}</dt>
              <dd>{d.day(r.dates.answeredAt)}</dd>
            </>
          ) : null}
          {r.dates.fixedAt ? (
            <>
              <dt>{t(`${k}.fixed`)}</dt>
              <dd>{d.day(r.dates.fixedAt)}</dd>
            </>
          ) : null}
          <dt>{t(`${k}.clockState`)}</dt>
          <dd>
            <ClockLine clock={r.clock} />
          </dd>
        </dl>
      </section>

      {r.decision || r.answerText ? (
        <section aria-labelledby="answer-title" data-testid="report-answer">
          <h2 id="answer-title">{t(`${k}.answer`)}</h2>
          {r.decision ? (
            <p>
              <strong>{t(`${k}.decision`)}</strong> {t(`reportPublic.decision.${r.decision}`)}
              {r.plannedOn ? (
                <>
                  {' '}
                  — {t(`${k}.plannedOn`)} {d.date(r.plannedOn)}
                </>
              ) : null}
            </p>
          ) : null}
          {r.answerText ? <p className="pre-line">{r.answerText}</p> : null}
        </section>
      ) : null}

      {fixPhotos.length > 0 ? (
        <section aria-labelledby="fix-title">
          <h2 id="fix-title">{t(`${k}.fixPhotos`)}</h2>
          <ReportPhotoList number={r.number} photos={fixPhotos} testId="fix-photos" alt={(i) => t('reportPublic.photos.fixAlt', { n: i + 1, count: fixPhotos.length, number: r.number })} />
        </section>
      ) : null}

      {r.duplicates.length > 0 ? (
        <section aria-labelledby="dups-title">
          <h2 id="dups-title">{t(`${k}.duplicates`)}</h2>
          <ul>
            {r.duplicates.map((n) => (
              <li key={n}>
                <Link to={`/reports/${n}`}>{n}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t(`${k}.history`)}</h2>
        <ol className="report-history" data-testid="report-history">
          {r.history.map((e) => (
            <li key={e.id} data-event={e.type}>
              {d.when(e.at)} — {EVENT_KEYS.has(e.type) ? t(`reportPublic.event.${e.type}`) : t(`reportPublic.status.${e.toStatus}`, { defaultValue: e.toStatus })}
              {e.details.body ? ` — ${name(e.details.body)}` : null}
              {e.details.decision ? ` — ${t(`reportPublic.decision.${e.details.decision}`, { defaultValue: e.details.decision })}` : null}
              {e.details.dueOn ? (
                <>
                  {' '}
                  — {t(`${k}.answerDue`)} {d.date(e.details.dueOn)}
                </>
              ) : null}
              {e.details.mergedInto ? (
                <>
                  {' '}
                  — <Link to={`/reports/${e.details.mergedInto}`}>{e.details.mergedInto}</Link>
                </>
              ) : null}
              {e.details.mergedFrom ? (
                <>
                  {' '}
                  — <Link to={`/reports/${e.details.mergedFrom}`}>{e.details.mergedFrom}</Link>
                </>
              ) : null}
              {e.details.late ? <span className="clock-overdue"> — {t(`${k}.late`)}</span> : null}
              {e.details.reason ? <p className="muted small">{e.details.reason}</p> : null}
              {e.details.note ? <p className="muted small">{e.details.note}</p> : null}
            </li>
          ))}
        </ol>
        <p className="muted small">{t(`${k}.privacy`)}</p>
      </section>
    </article>
  );
}
