import { useTranslation } from 'react-i18next';
import type { StatusGroup } from '../../domain/reports/groups';
import type { ReportMap as ReportMapData } from '../../domain/reports/map.server';
import { useNames } from '../locale';

/** Dot colours per status group (distinct also for the common colour-vision deficiencies, Okabe–Ito). */
export const GROUP_COLOURS: Record<StatusGroup, string> = {
  open: '#d55e00',
  answered: '#e69f00',
  fixed: '#009e73',
  closed: '#56606b',
};

/**
 * The report map: inline SVG (no tiles, no script). Units are links that zoom to a region (the
 * country view) or filter a district (the region view); dots are links to the reports. The list
 * below the map is the accessible source, so the dots are kept out of the tab order; each carries
 * a <title>.
 */
export function ReportMap({ map, hrefForUnit, caption, small = false }: { map: ReportMapData; hrefForUnit?: (kato: string, level: number) => string | null; caption?: string; small?: boolean }) {
  const { t } = useTranslation();
  const name = useNames();
  const k = 'reportPublic.map';
  const r = small ? 5 : map.dots.length > 300 ? 2.5 : 4;
  return (
    <figure className={`report-map${small ? ' report-map-small' : ''}`} data-testid="report-map" data-region={map.regionKato ?? ''}>
      <svg viewBox={`0 0 ${map.width} ${map.height}`} role="group" aria-labelledby="report-map-title" className="report-map-svg" preserveAspectRatio="xMidYMid meet">
        <title id="report-map-title">{caption ?? (map.regionKato ? t(`${k}.titleRegion`) : t(`${k}.titleCountry`))}</title>
        {map.units.map((u) => {
          const href = hrefForUnit?.(u.kato, u.level) ?? null;
          const path = (
            <path d={u.d} fillRule="evenodd" className={`report-map-unit level-${u.level}${map.regionKato === u.kato ? ' report-map-outline' : ''}`} data-kato={u.kato}>
              <title>{name(u)}</title>
            </path>
          );
          return href ? (
            <a key={u.kato} href={href} aria-label={name(u)}>
              {path}
            </a>
          ) : (
            <g key={u.kato}>{path}</g>
          );
        })}
        <g className="report-map-dots" data-testid="report-map-dots">
          {map.dots.map((d) => (
            <a key={d.number} href={`/reports/${d.number}`} tabIndex={-1} data-number={d.number}>
              <circle cx={d.x} cy={d.y} r={r} fill={GROUP_COLOURS[d.group]} className="report-dot">
                <title>{t(`${k}.dot`, { number: d.number, status: t(`reportPublic.group.${d.group}`) })}</title>
              </circle>
            </a>
          ))}
        </g>
      </svg>
      {small ? null : (
        <figcaption>
          <ul className="map-legend" aria-label={t(`${k}.legend`)}>
            {(Object.keys(GROUP_COLOURS) as StatusGroup[]).map((g) => (
              <li key={g}>
                <span className="legend-dot" style={{ background: GROUP_COLOURS[g] }} aria-hidden="true" />
                {t(`reportPublic.group.${g}`)}
              </li>
            ))}
          </ul>
          <p className="muted small">{t(`${k}.note`)}</p>
        </figcaption>
      )}
    </figure>
  );
}
