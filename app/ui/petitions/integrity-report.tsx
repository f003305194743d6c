import { useTranslation } from 'react-i18next';
import type { IntegrityReport } from '../../domain/integrity/review.server';
import { useFormat } from './format';

type Report = Pick<IntegrityReport, 'reasons' | 'signals'> & { counts: Omit<IntegrityReport['counts'], 'reconciledAt'> };

/**
 * The public integrity report of a petition: counted, under review, invalidated and withdrawn
 * signatures, and the reasons and checks behind invalidations in aggregate. Nothing about signers.
 */
export function IntegrityReportSection({ report }: { report: Report }) {
  const { t } = useTranslation();
  const f = useFormat();
  const k = 'integrityReview.report';
  const rows = [
    ['valid', report.counts.valid],
    ['underReview', report.counts.underReview],
    ['invalidated', report.counts.invalidated],
    ['withdrawn', report.counts.withdrawn],
  ] as const;
  return (
    <section aria-labelledby="integrity-report-title" className="petition-integrity" data-testid="integrity-report">
      <h2 id="integrity-report-title">{t(`${k}.title`)}</h2>
      <p className="muted">{t(`${k}.lead`)}</p>
      <dl className="petition-facts">
        {rows.map(([key, n]) => (
          <div key={key}>
            <dt>{t(`${k}.count.${key}`)}</dt>
            <dd data-testid={`integrity-${key}`} data-value={n}>
              {f.number(n)}
            </dd>
          </div>
        ))}
      </dl>
      {report.reasons.length === 0 ? (
        <p data-testid="integrity-no-invalidations">{t(`${k}.noInvalidations`)}</p>
      ) : (
        <>
          <h3>{t(`${k}.reasons`)}</h3>
          <ul data-testid="integrity-reasons">
            {report.reasons.map((r) => (
              <li key={r.reason}>
                {r.reason}: {t(`${k}.reasonCount`, { count: r.count })}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.signals.length > 0 ? (
        <>
          <h3>{t(`${k}.signals`)}</h3>
          <ul data-testid="integrity-signals">
            {report.signals.map((s) => (
              <li key={s.signal}>
                {t(`integrity.signal.${s.signal}`)}: {t(`${k}.reasonCount`, { count: s.count })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
