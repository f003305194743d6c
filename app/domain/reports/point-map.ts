import { fitEquirectangular, unionBox, type LonLatBox } from '../maps/projection';
import { geometryToPath, type PolygonalGeometry } from '../maps/svg-path';

/**
 * A report's place drawn on the polygon of its unit (district, else region), as SVG data: no map
 * tiles, no script (pure). The extent is the unit's box widened to contain the point (a point just
 * outside a simplified boundary stays on the map).
 */

export interface PointMap {
  width: number;
  height: number;
  /** The unit's outline. */
  d: string;
  /** The report's point in map pixels. */
  x: number;
  y: number;
}

export function drawPointMap(
  geometry: PolygonalGeometry,
  box: LonLatBox,
  point: { lon: number; lat: number },
  opts: { width?: number; padding?: number } = {},
): PointMap | null {
  const extent = unionBox([box, { minLon: point.lon - 0.002, minLat: point.lat - 0.002, maxLon: point.lon + 0.002, maxLat: point.lat + 0.002 }]);
  if (!extent) return null;
  const projection = fitEquirectangular(extent, opts.width ?? 360, opts.padding ?? 12);
  const path = geometryToPath(geometry, projection, { epsilon: 0.4, minArea: 1, precision: 1 });
  const [x, y] = projection.project(point.lon, point.lat);
  return { width: projection.width, height: projection.height, d: path.d, x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 };
}
