import type { MultiPolygon, Polygon } from 'geojson';
import { z } from 'zod';
import { ValidationError } from '../shared/errors';
import type { Point } from './geo';
import { regionOfKato } from './kato';

/**
 * Routing overrides as data (db/seed/data/dauys_routing_overrides.json), for units that have no
 * polygon of their own in the boundary set (COD-AB 2023 predates them).
 *
 * Rule: an override applies to a point when
 *   1. the base layer puts the point in one of the override's `carved_from` units (the unit(s) the
 *      new one was carved out of; a first-level code means "in this region, no district polygon"),
 *      and
 *   2. the point lies inside the override's `area` (a GeoJSON Polygon / MultiPolygon, or a circle
 *      given by a centre and a radius in metres, distance by haversine).
 * The point then resolves to the override's unit instead of the base unit. Condition 1 keeps an
 * approximate area from leaking across a real boundary (e.g. a circle around Kosshy that reaches
 * into the city of Astana changes nothing there). Overrides are tried in file order; the first
 * match wins.
 *
 * `pending` lists units known to lack a polygon for which no trustworthy area exists yet: their
 * points still resolve to the old unit, and the routing reason says that the boundary may be out
 * of date (the akimat forwards the report if needed).
 */

const text = z.string().trim().min(1, 'expected a non-empty string');
const kato = z.string().regex(/^[0-9]{9}$/, 'expected a 9-digit KATO code');
const level2Kato = kato.refine((k) => !k.endsWith('0000000'), 'expected a level-2 KATO code (not NN0000000)');
const lon = z.number().min(-180, 'expected a longitude in [-180, 180]').max(180, 'expected a longitude in [-180, 180]');
const lat = z.number().min(-90, 'expected a latitude in [-90, 90]').max(90, 'expected a latitude in [-90, 90]');
const position = z.tuple([lon, lat], 'expected a position [lon, lat]');
const ring = z
  .array(position)
  .min(4, 'expected a linear ring of at least 4 positions')
  .refine((r) => {
    const first = r[0];
    const last = r[r.length - 1];
    return first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
  }, 'expected a closed ring (first position = last position)');
const polygonCoordinates = z.array(ring).min(1, 'expected at least one ring');

export const overrideAreaSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('circle'),
    centre: position,
    radius_m: z.number().positive('expected a positive radius').max(100_000, 'expected a radius of at most 100 km'),
  }),
  z.object({ type: z.literal('Polygon'), coordinates: polygonCoordinates }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygonCoordinates).min(1) }),
]);

const sameRegion = (entry: { kato: string; carved_from: string[] }, ctx: z.RefinementCtx) => {
  entry.carved_from.forEach((from, i) => {
    if (regionOfKato(from) !== regionOfKato(entry.kato))
      ctx.addIssue({
        code: 'custom',
        path: ['carved_from', i],
        message: `${from} is not in the region of ${entry.kato} (${regionOfKato(entry.kato)})`,
      });
    if (from === entry.kato) ctx.addIssue({ code: 'custom', path: ['carved_from', i], message: 'a unit cannot be carved from itself' });
  });
};

export const overrideEntrySchema = z
  .object({
    kato: level2Kato,
    name_en: text,
    carved_from: z.array(kato).min(1, 'expected at least one unit the new unit was carved from'),
    area: overrideAreaSchema,
    approximate: z.boolean(),
    basis: text,
    sources: z.array(z.url()).default([]),
  })
  .superRefine(sameRegion);

export const pendingEntrySchema = z
  .object({
    kato: level2Kato,
    name_en: text,
    carved_from: z.array(kato).min(1, 'expected at least one unit the new unit was carved from'),
    note: text,
    sources: z.array(z.url()).default([]),
  })
  .superRefine(sameRegion);

export const routingOverridesFileSchema = z
  .object({
    _meta: z.object({ description: text }).loose(),
    overrides: z.array(overrideEntrySchema),
    pending: z.array(pendingEntrySchema).default([]),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    const check = (list: 'overrides' | 'pending', entries: readonly { kato: string }[]) =>
      entries.forEach((e, i) => {
        if (seen.has(e.kato)) ctx.addIssue({ code: 'custom', path: [list, i, 'kato'], message: `duplicate unit ${e.kato}` });
        seen.add(e.kato);
      });
    check('overrides', file.overrides);
    check('pending', file.pending);
  });

export type RoutingOverridesFile = z.output<typeof routingOverridesFileSchema>;

export type OverrideArea =
  | { type: 'circle'; centre: Point; radiusM: number }
  | { type: 'polygon'; geometry: Polygon | MultiPolygon };

export interface RoutingOverride {
  /** The unit the point resolves to. */
  kato: string;
  /** Base units (level 2, or level 1 for "region without district polygon") the area applies within. */
  carvedFrom: readonly string[];
  area: OverrideArea;
  /** The area is an approximation (said so in the routing reason). */
  approximate: boolean;
  basis: string;
}

export interface PendingSplit {
  kato: string;
  carvedFrom: readonly string[];
  note: string;
}

export interface RoutingOverrides {
  readonly overrides: readonly RoutingOverride[];
  readonly pending: readonly PendingSplit[];
}

export const NO_OVERRIDES: RoutingOverrides = { overrides: [], pending: [] };

function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(root)';
}

/**
 * Validates the overrides file and converts it. Throws ValidationError `routing.overrides-invalid`
 * whose `fields` map each bad path (e.g. `overrides[0].area.radius_m`) to its problem.
 */
export function parseRoutingOverrides(json: unknown): RoutingOverrides {
  const parsed = routingOverridesFileSchema.safeParse(json);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issuePath(issue.path)] = issue.message;
    throw new ValidationError('routing.overrides-invalid', fields);
  }
  return {
    overrides: parsed.data.overrides.map((o) => ({
      kato: o.kato,
      carvedFrom: o.carved_from,
      area:
        o.area.type === 'circle'
          ? { type: 'circle', centre: { lon: o.area.centre[0], lat: o.area.centre[1] }, radiusM: o.area.radius_m }
          : { type: 'polygon', geometry: o.area as Polygon | MultiPolygon },
      approximate: o.approximate,
      basis: o.basis,
    })),
    pending: parsed.data.pending.map((p) => ({ kato: p.kato, carvedFrom: p.carved_from, note: p.note })),
  };
}

/** Every unit an override or pending entry names, for a cross-check against the units table. */
export function unitsNamedByOverrides(overrides: RoutingOverrides): string[] {
  const all = [...overrides.overrides, ...overrides.pending].flatMap((o) => [o.kato, ...o.carvedFrom]);
  return [...new Set(all)].sort();
}
