import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { integrityReport } from '../domain/integrity/review.server';
import { getRegionMap } from '../domain/maps/region-map.server';
import { getPetitionPage } from '../domain/petitions/queries.server';
import { listPetitionProjects } from '../domain/projects/links.server';
import { signingStatus } from '../domain/signatures/signing.server';
import { DEFAULT_LOCALE, getT, isLocale } from '../i18n';
import { getDeps } from '../services/db.server';
import { uuidParam } from '../services/params.server';
import { getSession } from '../services/session.server';
import petitionStyles from '../styles/petitions.css';
import { useNames } from '../ui/locale';
import { CardDeadlineLine } from '../ui/petitions/deadline';
import { IntegrityReportSection } from '../ui/petitions/integrity-report';
import { kzDate, useFormat } from '../ui/petitions/format';
import { OfficialResponse, RejectionNotice } from '../ui/petitions/outcome';
import { PetitionProgress } from '../ui/petitions/progress';
import { RegionMap, RegionTable } from '../ui/petitions/region-map';
import { SignPanel } from '../ui/petitions/sign-panel';
import { Timeline } from '../ui/petitions/timeline';
import { LinkedProjects } from '../ui/projects/linked-projects';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: petitionStyles }];

const SIGNABLE = new Set(['collecting', 'open']);
const AWAITING_OR_ANSWERED = new Set(['closed-reached', 'under-consideration', 'answered']);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = uuidParam(params.id);
  const session = await getSession(request);
  const viewer = session && session.stage === 'active' ? session : null;
  const deps = getDeps();
  const page = await getPetitionPage(deps, id, viewer?.accountId ?? null);
  if (!page) throw new Response('Not Found', { status: 404 });
  const [status, map, projects, integrity] = await Promise.all([
    signingStatus(deps, viewer?.actor ?? null, id),
    getRegionMap(deps),
    listPetitionProjects(deps, id),
    integrityReport(deps, id),
  ]);
  const signed = new URL(request.url).searchParams.get('signed') === '1';
  // Today in Kazakhstan, from the server, so the page and its hydration agree on "today".
  const report = integrity ? { counts: { valid: integrity.counts.valid, underReview: integrity.counts.underReview, invalidated: integrity.counts.invalidated, withdrawn: integrity.counts.withdrawn }, reasons: integrity.reasons, signals: integrity.signals } : null;
  return { page, status, map, signed, projects, integrity: report, today: kzDate(deps.clock.now()) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const locale = (matches.find((m) => m.id === 'root')?.data as { locale?: unknown } | undefined)?.locale;
  const t = getT(isLocale(locale) ? locale : DEFAULT_LOCALE);
  if (!data) return [{ title: `${t('errors.notFoundTitle')} — ${t('shell.brand')}` }];
  const title = data.page.title ?? t('petitionPages.card.hiddenTitle', { number: data.page.number });
  return [{ title: `${title} — ${t('shell.brand')}` }];
};

export default function PetitionPage() {
  const { page: p, status, map, signed, projects, integrity, today } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const name = useNames();
  const f = useFormat();
  const k = 'petitionPages.page';
  const unitName = p.unit ? name(p.unit) : null;
  const reconciledAt = p.counts.reconciledAt;
  const showSign = SIGNABLE.has(p.state) || status.kind === 'signed';
  const closingLine =
    p.state === 'open' && p.dates.closesAt
      ? ({ kind: 'signing-closes', on: p.dates.closesAt } as const)
      : (p.state === 'closed-reached' || p.state === 'closed-expired') && p.dates.closedAt
        ? ({ kind: 'signing-closed', on: p.dates.closedAt } as const)
        : null;
  const deadlines = (['moderation', 'consideration'] as const).filter((c) => p.deadlines[c] !== null);
  return (
    <article aria-labelledby="petition-title" className="petition-page">
      <nav aria-label="breadcrumb" className="breadcrumb">
        <Link to="/petitions">{t(`${k}.breadcrumbList`)}</Link> / <span aria-current="page">{t(`${k}.number`, { number: p.number })}</span>
      </nav>

      {signed ? (
        <p role="status" className="success" data-testid="signed-thanks">
          {t('signing.signed')}
        </p>
      ) : null}
      {p.state === 'draft' ? <p className="notice">{t(`${k}.draftNotice`)}</p> : null}
      {p.state === 'withdrawn' ? <p className="notice">{t(`${k}.withdrawnNotice`)}</p> : null}
      {p.state === 'moderation' ? <p className="notice">{t(`${k}.moderationNotice`)}</p> : null}
      {p.linkOnly ? (
        <p className="notice" data-testid="link-only">
          {t('petitions.linkOnlyHint', { count: p.initialSupportRequired })}
        </p>
      ) : null}

      <header className="petition-header">
        <h1 id="petition-title">{p.title ?? t('petitionPages.card.hiddenTitle', { number: p.number })}</h1>
        <p className="petition-meta">
          <span className={`state-badge state-${p.state}`} data-testid="petition-state">
            {t(`petitions.state.${p.state}`)}
          </span>
          <span>{t(`petitionPages.level.${p.level}`)}</span>
          <span>{t('petitionPages.card.number', { number: p.number })}</span>
          <span data-testid="petition-author">{t(`${k}.author`, { name: p.author.name })}</span>
          {p.dates.publishedAt ? (
            <span>
              <time dateTime={f.iso(p.dates.publishedAt)}>{t(`${k}.publishedOn`, { date: f.date(p.dates.publishedAt) })}</time>
            </span>
          ) : null}
        </p>
      </header>

      <div className="petition-layout">
        <div className="petition-main">
          <dl className="petition-facts">
            <div>
              <dt>{t(`${k}.addressee`)}</dt>
              <dd data-testid="petition-addressee">{name(p.addressee)}</dd>
            </div>
            <div>
              <dt>{t(`${k}.unit`)}</dt>
              <dd>{unitName ? t(`${k}.residentsOf`, { unit: unitName }) : t(`${k}.everyone`)}</dd>
            </div>
          </dl>
          {closingLine ? <CardDeadlineLine deadline={closingLine} /> : null}

          <section aria-labelledby="text-title" className="petition-text">
            <h2 id="text-title">{t(`${k}.text`)}</h2>
            {p.body !== null ? (
              <div className="pre-line" data-testid="petition-body">
                {p.body}
              </div>
            ) : (
              <p className="notice">{t(`${k}.hiddenText`)}</p>
            )}
            <p className="muted small">{t(`${k}.version`, { version: p.version })}</p>
          </section>

          <LinkedProjects projects={projects} />
          {p.rejection ? <RejectionNotice rejection={p.rejection} /> : null}
          {AWAITING_OR_ANSWERED.has(p.state) ? <OfficialResponse response={p.response} milestones={p.milestones} /> : null}

          <section aria-labelledby="regions-title" className="petition-regions">
            <h2 id="regions-title">{t(`${k}.regionsHeading`)}</h2>
            <p className="muted">{t(`${k}.regionsLead`)}</p>
            {p.regions.length === 0 || p.counts.valid === 0 ? <p>{t(`${k}.regionsEmpty`)}</p> : null}
            {p.regions.length > 0 ? <RegionTable tallies={p.regions} /> : null}
            {map && p.counts.valid > 0 ? <RegionMap map={map} tallies={p.regions} /> : null}
          </section>

          {integrity ? <IntegrityReportSection report={integrity} /> : null}

          <section aria-labelledby="timeline-title" className="petition-timeline">
            <h2 id="timeline-title">{t(`${k}.timelineHeading`)}</h2>
            {deadlines.length === 0 ? <p className="muted">{t(`${k}.deadlinesEmpty`)}</p> : null}
            <Timeline items={p.timeline} />
          </section>
        </div>

        <aside className="petition-aside" aria-labelledby="progress-title">
          <section className="card">
            <h2 id="progress-title">{t(`${k}.progressHeading`)}</h2>
            <PetitionProgress progress={p.progress} id="petition-progress" />
            {reconciledAt ? (
              <p className="muted small" data-testid="counted-at">
                <time dateTime={f.iso(reconciledAt)}>
                  {kzDate(reconciledAt) === today ? t(`${k}.countedAt`, { time: f.time(reconciledAt) }) : t(`${k}.countedAtDate`, { time: f.time(reconciledAt), date: f.date(reconciledAt) })}
                </time>
              </p>
            ) : null}
            {p.counts.underReview > 0 ? <p className="muted small">{t(`${k}.underReview`, { count: p.counts.underReview, num: f.number(p.counts.underReview) })}</p> : null}
            {p.threshold ? <p className="muted small">{t(`${k}.thresholdNote`)}</p> : p.state === 'collecting' || p.state === 'moderation' ? <p className="muted small">{t(`${k}.noThresholdYet`)}</p> : null}
          </section>
          {showSign ? (
            <section aria-labelledby="sign-title" className="petition-sign">
              <h2 id="sign-title">{t(`${k}.signHeading`)}</h2>
              <SignPanel petitionId={p.id} status={status} supporting={p.state === 'collecting'} unitName={unitName} />
            </section>
          ) : null}
        </aside>
      </div>

      <p>
        <Link to="/petitions">{t(`${k}.backToList`)}</Link>
      </p>
    </article>
  );
}
