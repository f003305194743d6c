import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDays } from '../../db/schema';
import { seedReferenceData } from '../../db/seed';
import { addCalendarDays, isWeekend } from '../../app/domain/calendar/dates';
import { computeDeadline } from '../../app/domain/calendar/deadlines';
import { loadWorkingCalendar } from '../../app/domain/calendar/load.server';
import { parseClockRules } from '../../app/domain/calendar/rules';
import type { WorkingCalendar } from '../../app/domain/calendar/working-calendar';
import { createTestDatabase, type TestDatabase } from '../support/db';

let t: TestDatabase;
let cal: WorkingCalendar;
const dataDir = path.join(process.cwd(), 'db/seed/data');
const rules = parseClockRules(JSON.parse(readFileSync(path.join(dataDir, 'dauys_clock_rules.json'), 'utf8')));
const holidaysFile = JSON.parse(readFileSync(path.join(dataDir, 'kz_holidays.json'), 'utf8')) as {
  computed_non_working_days: Record<string, { non_working_weekdays: string[]; working_weekend_days: string[] }>;
};
const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+05:00`);

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReferenceData(t.handle.db);
  cal = await loadWorkingCalendar(t.handle.db);
});
afterAll(async () => {
  await t?.drop();
});

describe('the working calendar loaded from the seeded database', () => {
  it('covers the years of the holiday file', () => {
    expect(cal.coveredYears()).toEqual(Object.keys(holidaysFile.computed_non_working_days).map(Number).sort());
  });

  it('agrees day by day with the computed lists of kz_holidays.json', () => {
    for (const [year, lists] of Object.entries(holidaysFile.computed_non_working_days)) {
      const offWeekdays: string[] = [];
      const workedWeekends: string[] = [];
      for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addCalendarDays(d, 1)) {
        if (!isWeekend(d) && !cal.isWorkingDay(d)) offWeekdays.push(d);
        if (isWeekend(d) && cal.isWorkingDay(d)) workedWeekends.push(d);
      }
      expect(offWeekdays, year).toEqual([...lists.non_working_weekdays].sort());
      expect(workedWeekends, year).toEqual([...lists.working_weekend_days].sort());
    }
  });

  it.each([
    ['report.answer', at('2024-12-27'), '2025-01-22'],
    ['report.answer', at('2025-12-15'), '2026-01-09'],
    ['report.forward', at('2025-03-20'), '2025-03-28'],
    ['report.forward', at('2025-01-02'), '2025-01-09'],
    ['petition.moderation', at('2025-03-03'), '2025-04-04'],
    ['petition.consideration', at('2025-12-25'), '2026-02-24'],
    // 30 Aug 2026 is no longer a holiday (Constitution Day moves to 15 March from 2027): no Monday off.
    ['report.forward', at('2026-08-28'), '2026-09-02'],
  ])('%s from %s is due %s', (rule, start, due) => {
    const out = computeDeadline(cal, { rule: rules.get(rule), start });
    expect(out.kind === 'ok' && out.deadline.due).toBe(due);
  });

  it('sees an administrator’s new transfer after a reload', async () => {
    const before = computeDeadline(cal, { rule: rules.get('report.forward'), start: at('2026-11-04') });
    expect(before.kind === 'ok' && before.deadline.due).toBe('2026-11-09');
    await t.handle.db.insert(calendarDays).values({
      day: '2026-11-06',
      kind: 'transfer_rest',
      nameEn: 'Day off (test transfer)',
      source: 'calendar-load integration test',
    });
    const reloaded = await loadWorkingCalendar(t.handle.db);
    const after = computeDeadline(reloaded, { rule: rules.get('report.forward'), start: at('2026-11-04') });
    expect(after.kind === 'ok' && after.deadline.due).toBe('2026-11-10');
  });
});
