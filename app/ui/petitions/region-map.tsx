import { useTranslation } from 'react-i18next';
import { shareLegend, SHARE_COLOURS } from '../../domain/maps/choropleth';
import type { RegionMap as RegionMapData } from '../../domain/maps/region-map.server';
import type { RegionTally } from '../../domain/petitions/queries.server';
import { useNames } from '../locale';
import { useFormat } from './format';

/**
 * Choropleth of the share of signatures by first-level unit, inline SVG (no tiles, no script).
 * Decorative-plus: the table beside it is the accessible source; the SVG is a labelled group and
 * every region carries a <title> with its name, count and share (read by screen readers and shown
 * as a tooltip on hover). Colour is never the only carrier: the legend and the table give numbers.
 */
export function RegionMap({ map, tallies }: { map: RegionMapData; tallies: readonly RegionTally[] }) {
  const { t } = useTranslation();
  const name = useNames();
  const f = useFormat();
  const byKato = new Map(tallies.map((r) => [r.kato, r]));
  const k = 'petitionPages.page';
  return (
    <figure className="region-map" data-testid="region-map">
      <svg viewBox={`0 0 ${map.width} ${map.height}`} role="group" aria-labelledby="region-map-title" className="region-map-svg" preserveAspectRatio="xMidYMid meet">
        <title id="region-map-title">{t(`${k}.mapTitle`)}</title>
        {map.units.map((u) => {
          const tally = byKato.get(u.kato);
          const cls = tally?.shareClass ?? 0;
          const count = tally?.valid ?? 0;
          return (
            <path key={u.kato} d={u.d} fill={SHARE_COLOURS[cls]} fillRule="evenodd" className={`map-unit share-${cls}${u.city ? ' map-city' : ''}`} data-kato={u.kato}>
              <title>{t(`${k}.regionTitle`, { region: name(u), count, num: f.number(count), share: f.percent(tally?.share ?? 0) })}</title>
            </path>
          );
        })}
      </svg>
      <figcaption>
        <p className="legend-title" id="region-map-legend">
          {t(`${k}.legendTitle`)}
        </p>
        <ul className="map-legend" aria-labelledby="region-map-legend">
          {shareLegend().map((entry) => (
            <li key={entry.shareClass}>
              <span className="legend-swatch" style={{ background: entry.colour }} aria-hidden="true" />
              {entry.from === null || entry.to === null
                ? t(`${k}.legendNone`)
                : entry.from === 0
                  ? t(`${k}.legendUpTo`, { to: f.percent(entry.to) })
                  : t(`${k}.legendRange`, { from: f.percent(entry.from), to: f.percent(entry.to) })}
            </li>
          ))}
        </ul>
        <p className="muted small">{t(`${k}.mapNote`)}</p>
      </figcaption>
    </figure>
  );
}

/** The accessible source of the map: a table with a caption and column headers. */
export function RegionTable({ tallies }: { tallies: readonly RegionTally[] }) {
  const { t } = useTranslation();
  const name = useNames();
  const f = useFormat();
  const k = 'petitionPages.page';
  return (
    <div className="table-scroll">
      <table data-testid="region-table" className="region-table">
        <caption>{t(`${k}.tableCaption`)}</caption>
        <thead>
          <tr>
            <th scope="col">{t(`${k}.colRegion`)}</th>
            <th scope="col" className="num">
              {t(`${k}.colSignatures`)}
            </th>
            <th scope="col" className="num">
              {t(`${k}.colShare`)}
            </th>
          </tr>
        </thead>
        <tbody>
          {tallies.map((r) => (
            <tr key={r.kato} data-kato={r.kato}>
              <th scope="row">{name(r)}</th>
              <td className="num">{f.number(r.valid)}</td>
              <td className="num">{f.percent(r.share)} %</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
