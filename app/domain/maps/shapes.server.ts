import { and, asc, eq, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { unitBoundaries, units } from '../../../db/schema';
import type { LonLatBox } from './projection';
import { isPolygonalGeometry, type PolygonalGeometry } from './svg-path';

/**
 * The seeded polygons (unit_boundaries, COD-AB 2023) with their units' names, as every map of the
 * portal draws them: the petition region map, the filing form's map and the public report map.
 * Rows whose geometry is not a polygon or multipolygon are left out. Ordered by level, then KATO.
 */
export interface UnitShape {
  kato: string;
  level: number;
  type: string;
  nameKk: string;
  nameRu: string;
  nameEn: string;
  geometry: PolygonalGeometry;
  box: LonLatBox;
}

/** A unit drawn on a server-side SVG map: its names and its outline as an SVG path. */
export interface MapUnitPath {
  kato: string;
  level: number;
  nameKk: string;
  nameRu: string;
  nameEn: string;
  d: string;
}

/** Which shapes: the first-level units; a region and its districts; or one unit. */
export type ShapeSelection = { kind: 'country' } | { kind: 'region'; kato: string } | { kind: 'unit'; kato: string };

function whereOf(selection: ShapeSelection): SQL | undefined {
  switch (selection.kind) {
    case 'country':
      return eq(units.level, 1);
    case 'region':
      return or(eq(units.kato, selection.kato), and(eq(units.level, 2), eq(units.parentKato, selection.kato)));
    case 'unit':
      return eq(units.kato, selection.kato);
  }
}

export async function loadUnitShapes(db: Db, selection: ShapeSelection): Promise<UnitShape[]> {
  const rows = await db
    .select({
      kato: units.kato,
      level: units.level,
      type: units.type,
      nameKk: units.nameKk,
      nameRu: units.nameRu,
      nameEn: units.nameEn,
      geometry: unitBoundaries.geometry,
      minLon: unitBoundaries.minLon,
      minLat: unitBoundaries.minLat,
      maxLon: unitBoundaries.maxLon,
      maxLat: unitBoundaries.maxLat,
    })
    .from(unitBoundaries)
    .innerJoin(units, eq(units.kato, unitBoundaries.kato))
    .where(whereOf(selection))
    .orderBy(asc(units.level), asc(units.kato));
  return rows.flatMap(({ minLon, minLat, maxLon, maxLat, geometry, ...unit }) =>
    isPolygonalGeometry(geometry) ? [{ ...unit, geometry, box: { minLon, minLat, maxLon, maxLat } }] : [],
  );
}
