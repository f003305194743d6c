import { useTranslation } from 'react-i18next';
import type { AccountabilityFigures, Distribution } from '../../domain/reports/accountability';
import { useLocale } from '../locale';
import { formatNumberIn } from '../formatters';

/** Days with one decimal, or a dash when the sample is empty. */
export function useFigureFormat() {
  const locale = useLocale();
  return {
    days: (v: number | null) => (v === null ? '—' : formatNumberIn(locale, v, 1)),
    share: (v: number | null) => (v === null ? '—' : `${formatNumberIn(locale, v * 100, 1)} %`),
    num: (n: number) => formatNumberIn(locale, n),
  };
}

function Row({ label, dist }: { label: string; dist: Distribution }) {
  const f = useFigureFormat();
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="num">{f.days(dist.median)}</td>
      <td className="num">{f.days(dist.p90)}</td>
      <td className="num">{f.num(dist.n)}</td>
    </tr>
  );
}

export function FiguresTable({ figures: fg }: { figures: AccountabilityFigures }) {
  const { t } = useTranslation();
  const f = useFigureFormat();
  const k = 'reportPublic.accountability';
  return (
    <>
      <div className="table-scroll">
        <table className="figures-table" data-testid="durations">
          <caption>{t(`${k}.durationsCaption`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t(`${k}.step`)}</th>
              <th scope="col" className="num">
                {t(`${k}.median`)}
              </th>
              <th scope="col" className="num">
                {t(`${k}.p90`)}
              </th>
              <th scope="col" className="num">
                {t(`${k}.sample`)}
              </th>
            </tr>
          </thead>
          <tbody>
            <Row label={t(`${k}.toAcknowledge`)} dist={fg.acknowledge} />
            <Row label={t(`${k}.toAnswer`)} dist={fg.answer} />
            <Row label={t(`${k}.toFix`)} dist={fg.fix} />
          </tbody>
        </table>
      </div>
      <dl className="report-facts" data-testid="figures">
        <dt>{t(`${k}.onTime`)}</dt>
        <dd data-testid="on-time">
          {f.share(fg.onTime.share)} {fg.onTime.decided > 0 ? t(`${k}.ofDecided`, { onTime: f.num(fg.onTime.onTime), decided: f.num(fg.onTime.decided) }) : null}
        </dd>
        <dt>{t(`${k}.reopenRate`)}</dt>
        <dd data-testid="reopen-rate">
          {f.share(fg.reopen.rate)} {fg.reopen.fixed > 0 ? t(`${k}.ofFixed`, { reopened: f.num(fg.reopen.reopened), fixed: f.num(fg.reopen.fixed) }) : null}
        </dd>
        <dt>{t(`${k}.total`)}</dt>
        <dd data-testid="count-total">{f.num(fg.counts.total)}</dd>
        <dt>{t(`${k}.open`)}</dt>
        <dd>{f.num(fg.counts.open)}</dd>
        <dt>{t(`${k}.overdue`)}</dt>
        <dd data-testid="count-overdue">{f.num(fg.counts.overdue)}</dd>
        <dt>{t(`${k}.answeredCount`)}</dt>
        <dd>{f.num(fg.counts.answered)}</dd>
        <dt>{t(`${k}.fixedCount`)}</dt>
        <dd>{f.num(fg.counts.fixed)}</dd>
      </dl>
    </>
  );
}
