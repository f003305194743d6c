import clockRulesJson from '../../../db/seed/data/dauys_clock_rules.json';
import type { Db } from '../../../db/client';
import { computeDeadline, parseClockRules, type ClockRuleSet, type WorkingCalendar } from '../calendar';
import { loadWorkingCalendar } from '../calendar/load.server';

/** The legal clock rules (data) and the working-day calendar (table), loaded once per process. */
let rules: ClockRuleSet | undefined;
export function clockRules(): ClockRuleSet {
  rules ??= parseClockRules(clockRulesJson);
  return rules;
}

let calendar: { at: number; cal: Promise<WorkingCalendar> } | undefined;
/** The calendar, re-read at most every 10 minutes (holidays are editable data). */
export function workingCalendar(db: Db): Promise<WorkingCalendar> {
  if (!calendar || Date.now() - calendar.at > 10 * 60_000) calendar = { at: Date.now(), cal: loadWorkingCalendar(db) };
  return calendar.cal;
}

/** The due date ('YYYY-MM-DD') of a clock rule started at `start`. */
export async function dueOn(db: Db, ruleCode: string, start: Date): Promise<string> {
  const outcome = computeDeadline(await workingCalendar(db), { start, rule: clockRules().get(ruleCode) });
  if (outcome.kind !== 'ok' || !outcome.deadline.due) throw new Error(`clock ${ruleCode} gives no due date`);
  return outcome.deadline.due;
}
