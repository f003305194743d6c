import { useEffect, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FilingMap } from '../../domain/reports/filing-map.server';
import { useNames } from '../locale';

export interface MapPoint {
  lon: number;
  lat: number;
}

const fixed = (n: number) => n.toFixed(5);

/**
 * The place picker of the filing form: an inline SVG of the seeded polygons (no tile server).
 * Country and region views are links that zoom in (they work without JavaScript); in the district
 * view a click or tap sets the point (JavaScript), and "use my location" asks the browser
 * (JavaScript only; the button appears once the page is interactive). The point travels in the
 * hidden fields `lon` and `lat`; without it the region/district list and the address are used.
 */
export function PlaceMap({ map, hrefFor, initial }: { map: FilingMap; hrefFor: (kato: string, level: number) => string; initial: MapPoint | null }) {
  const { t } = useTranslation();
  const name = useNames();
  const [point, setPoint] = useState<MapPoint | null>(initial);
  const [interactive, setInteractive] = useState(false);
  const [status, setStatus] = useState<string>('');
  useEffect(() => setInteractive(true), []);

  const focus = map.focusKato ? map.units.find((u) => u.kato === map.focusKato) : undefined;
  const place = focus ? name(focus) : '';
  const title = map.zoom === 'country' ? t('reportFiling.map.country') : t(`reportFiling.map.${map.zoom}`, { place });
  const canPick = map.zoom === 'district';
  const { x0, y0, kx, ky } = map.inverse;
  const marker = point ? { x: x0 + point.lon * kx, y: y0 - point.lat * ky } : null;
  const markerShown = marker && marker.x >= 0 && marker.y >= 0 && marker.x <= map.width && marker.y <= map.height;

  function pick(e: MouseEvent<SVGSVGElement>) {
    if (!canPick) return;
    const svg = e.currentTarget;
    const ctm = svg.getScreenCTM();
    if (!ctm) return;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    setPoint({ lon: Number(fixed((p.x - x0) / kx)), lat: Number(fixed((y0 - p.y) / ky)) });
    setStatus('');
  }

  function locate() {
    if (!('geolocation' in navigator)) {
      setStatus(t('reportFiling.map.locationFailed'));
      return;
    }
    setStatus(t('reportFiling.map.locating'));
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setPoint({ lon: Number(fixed(pos.coords.longitude)), lat: Number(fixed(pos.coords.latitude)) });
        setStatus('');
      },
      () => setStatus(t('reportFiling.map.locationFailed')),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  }

  return (
    <div className="place-map" data-testid="place-map" data-zoom={map.zoom} data-focus={map.focusKato ?? ''}>
      <figure className="place-map-fig">
        <svg
          viewBox={`0 0 ${map.width} ${map.height}`}
          role="group"
          aria-labelledby="place-map-title"
          className={`place-map-svg${canPick ? ' pickable' : ''}`}
          preserveAspectRatio="xMidYMid meet"
          onClick={canPick ? pick : undefined}
        >
          <title id="place-map-title">{title}</title>
          {map.units.map((u) => {
            const path = (
              <path d={u.d} fillRule="evenodd" className={`place-map-unit level-${u.level}${u.kato === map.focusKato ? ' place-map-outline' : ''}`} data-kato={u.kato}>
                <title>{name(u)}</title>
              </path>
            );
            const zoomable = u.kato !== map.focusKato && map.zoom !== 'district';
            return zoomable ? (
              <a key={u.kato} href={hrefFor(u.kato, u.level)} aria-label={name(u)} data-zoom={u.kato}>
                {path}
              </a>
            ) : (
              <g key={u.kato}>{path}</g>
            );
          })}
          {markerShown && marker ? <circle cx={marker.x} cy={marker.y} r={6} className="place-marker" data-testid="place-marker" /> : null}
        </svg>
        <figcaption className="muted small">{title}</figcaption>
      </figure>
      <input type="hidden" name="lon" value={point ? String(point.lon) : ''} />
      <input type="hidden" name="lat" value={point ? String(point.lat) : ''} />
      <p aria-live="polite" className="place-status" data-testid="place-status">
        {point ? t('reportFiling.map.point', { lat: fixed(point.lat), lon: fixed(point.lon) }) : t('reportFiling.map.noPoint')} {status}
      </p>
      <div className="button-row">
        {interactive ? (
          <button type="button" className="button" onClick={locate}>
            {t('reportFiling.map.useLocation')}
          </button>
        ) : null}
        {interactive && point ? (
          <button type="button" className="button" onClick={() => setPoint(null)}>
            {t('reportFiling.map.clear')}
          </button>
        ) : null}
      </div>
      {interactive ? null : <p className="hint">{t('reportFiling.map.jsNote')}</p>}
    </div>
  );
}
