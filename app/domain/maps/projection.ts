/**
 * Projection of WGS84 longitude/latitude to the pixels of a small overview map (pure).
 *
 * Equirectangular projection with the cos(latitude) correction (the "plate carrée" stretched to true
 * scale at a reference latitude φ0):
 *
 *   x = (λ − λmin) · cos φ0 · s + padding
 *   y = (φmax − φ) · s + padding                    (screen y grows downwards)
 *
 * where φ0 is the middle latitude of the mapped extent and the scale s fits the extent into the
 * requested width. At φ0 a degree of longitude and a degree of latitude have the same length on the
 * map, as on the ground; away from it shapes are slightly stretched (for Kazakhstan, 40.6°–55.4° N,
 * cos varies from 0.76 to 0.57 around cos 48° = 0.67: acceptable for a choropleth, which shows
 * shares, not distances). No external tiles or libraries are involved.
 */

export interface LonLatBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

export interface Projection {
  /** Reference latitude φ0 (degrees). */
  refLat: number;
  /** Pixels per degree of latitude. */
  scale: number;
  width: number;
  height: number;
  project(lon: number, lat: number): [number, number];
}

const RAD = Math.PI / 180;

/** The bounding box of a list of boxes. */
export function unionBox(boxes: Iterable<LonLatBox>): LonLatBox | null {
  let out: LonLatBox | null = null;
  for (const b of boxes) {
    out = out
      ? { minLon: Math.min(out.minLon, b.minLon), minLat: Math.min(out.minLat, b.minLat), maxLon: Math.max(out.maxLon, b.maxLon), maxLat: Math.max(out.maxLat, b.maxLat) }
      : { ...b };
  }
  return out;
}

/**
 * A projection that fits `box` into `width` pixels (plus `padding` on every side); the height
 * follows from the corrected aspect ratio and is rounded up to a whole pixel.
 */
export function fitEquirectangular(box: LonLatBox, width: number, padding = 0): Projection {
  if (!(box.maxLon > box.minLon) || !(box.maxLat > box.minLat)) throw new RangeError('empty extent');
  if (!(width > 2 * padding)) throw new RangeError('width must exceed twice the padding');
  const refLat = (box.minLat + box.maxLat) / 2;
  const k = Math.cos(refLat * RAD);
  const inner = width - 2 * padding;
  const scale = inner / ((box.maxLon - box.minLon) * k);
  const height = Math.ceil((box.maxLat - box.minLat) * scale + 2 * padding);
  return {
    refLat,
    scale,
    width,
    height,
    project: (lon, lat) => [(lon - box.minLon) * k * scale + padding, (box.maxLat - lat) * scale + padding],
  };
}
