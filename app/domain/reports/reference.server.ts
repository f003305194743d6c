import clockRulesJson from '../../../db/seed/data/dauys_clock_rules.json';
import type { Db } from '../../../db/client';
import { computeDeadline, parseClockRules, type ClockRuleSet, type IsoDate, type Pause, type WorkingCalendar } from '../calendar';
import { loadWorkingCalendar } from '../calendar/load.server';
import type { RoutingData } from '../routing/route';
import { loadRoutingData } from '../routing/load.server';

/**
 * Data the report domain reads often and that changes rarely, loaded once per database handle:
 * the routing data (polygons, competence table; ~0.1 s to load) and the working-day calendar
 * (re-read at most every 10 minutes: holidays are editable data). Keyed by the handle so that
 * test databases never share a cache. Callers may pass their own (deps.routing) instead.
 */

const routingCache = new WeakMap<object, Promise<RoutingData>>();
export function routingDataFor(db: Db): Promise<RoutingData> {
  let cached = routingCache.get(db);
  if (!cached) {
    cached = loadRoutingData(db);
    cached.catch(() => routingCache.delete(db));
    routingCache.set(db, cached);
  }
  return cached;
}

const calendarCache = new WeakMap<object, { at: number; cal: Promise<WorkingCalendar> }>();
export function reportCalendarFor(db: Db): Promise<WorkingCalendar> {
  const hit = calendarCache.get(db);
  if (hit && Date.now() - hit.at <= 10 * 60_000) return hit.cal;
  const cal = loadWorkingCalendar(db);
  cal.catch(() => calendarCache.delete(db));
  calendarCache.set(db, { at: Date.now(), cal });
  return cal;
}

let rules: ClockRuleSet | undefined;
/** The legal clock rules (db/seed/data/dauys_clock_rules.json), validated once. */
export function reportClockRules(): ClockRuleSet {
  rules ??= parseClockRules(clockRulesJson);
  return rules;
}

/** The due date of a report clock rule started at `start` (null while an open pause stops it). */
export function reportDue(cal: WorkingCalendar, ruleCode: string, start: Date, pauses: readonly Pause[] = []): IsoDate | null {
  const outcome = computeDeadline(cal, { start, rule: reportClockRules().get(ruleCode), pauses });
  if (outcome.kind !== 'ok') throw new Error(`clock ${ruleCode}: ${outcome.reason}`);
  return outcome.deadline.due;
}
