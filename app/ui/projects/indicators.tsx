import { useTranslation } from 'react-i18next';
import type { IndicatorView } from '../../domain/projects/links.server';
import { useFormat } from '../petitions/format';
import { useNames } from '../locale';
import { useIndicatorValue } from './units';

/**
 * The indicators of a project as a table: baseline -> current -> target, and the share of the way
 * covered (a native <progress> labelled by its text). A missing figure is a dash with a label for
 * screen readers; an indicator without any figure says so.
 */
export function IndicatorTable({ indicators, caption }: { indicators: IndicatorView[]; caption: string }) {
  const { t } = useTranslation();
  const name = useNames();
  const value = useIndicatorValue();
  const f = useFormat();
  const k = 'projectPages.indicator';
  const none = (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{t(`${k}.none`)}</span>
    </>
  );
  const withYear = (v: number | null, unit: string | null, year: number | null) =>
    v === null ? none : (
      <>
        {value(v, unit)}
        {year !== null ? <span className="muted"> {t(`${k}.inYear`, { year })}</span> : null}
      </>
    );
  return (
    <div className="table-scroll">
      <table className="indicator-table" data-testid="project-indicators">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t(`${k}.name`)}</th>
            <th scope="col">{t(`${k}.baseline`)}</th>
            <th scope="col">{t(`${k}.current`)}</th>
            <th scope="col">{t(`${k}.target`)}</th>
            <th scope="col">{t(`${k}.progress`)}</th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((i) => {
            const empty = i.baseline === null && i.currentValue === null && i.target === null;
            return (
              <tr key={i.id} data-testid="indicator-row">
                <th scope="row">
                  {name(i)}
                  {empty ? <p className="muted small">{t(`${k}.noFigures`)}</p> : null}
                </th>
                <td>{withYear(i.baseline, i.unit, i.baselineYear)}</td>
                <td>
                  {i.currentValue === null ? (
                    none
                  ) : (
                    <>
                      {value(i.currentValue, i.unit)}
                      {i.currentAsOf ? <span className="muted"> {t(`${k}.asOf`, { date: f.day(i.currentAsOf) })}</span> : null}
                    </>
                  )}
                </td>
                <td>{withYear(i.target, i.unit, i.targetYear)}</td>
                <td>
                  {i.progress === null ? (
                    none
                  ) : (
                    <div className="indicator-progress">
                      <progress max={100} value={Math.floor(i.progress * 100)} aria-label={t(`${k}.progressOf`, { name: name(i) })}>
                        {Math.floor(i.progress * 100)} %
                      </progress>
                      <span>{i.reached ? t(`${k}.reached`) : t(`${k}.percent`, { percent: Math.floor(i.progress * 100) })}</span>
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
