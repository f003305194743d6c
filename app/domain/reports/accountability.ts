import { daysBetween } from './groups';
import type { ReportStatus } from './states';

/**
 * Accountability figures of an akimat (pure): how fast it acknowledges, answers and fixes the
 * reports it receives, and whether it answers within the legal term.
 *
 * THE SET: the reports registered in the window (the last 90 days, chosen by the query) that are
 * currently assigned to the akimat, except reports merged into another one (a duplicate is
 * answered through its target).
 *
 * DURATIONS, in calendar days with decimals (hours count: a report acknowledged after 6 hours took
 * 0.25 days), from registration to
 *   acknowledge  the officer's acknowledgement;
 *   answer       the answer, or the fix when the akimat fixed without a separate answer;
 *   fix          the fix (marked fixed).
 * Reports that have not reached the step are not in that step's sample (the count of the sample is
 * shown beside it, and the open and overdue counts say how many are still waiting).
 *
 * PERCENTILES: linear interpolation between closest ranks (Hyndman & Fan type 7, as NumPy's
 * default and spreadsheets' PERCENTILE.INC): for sorted x[0..n-1] and p in [0, 1], h = (n−1)·p,
 * result = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). The median is p = 0.5. An empty sample has no
 * percentile (null), never 0.
 *
 * ANSWERED WITHIN THE LEGAL TERM: of the reports whose term is decided — answered (or fixed), or
 * not answered with the due date passed — the share answered on or before the due date (Kazakhstan
 * calendar dates). Reports still inside their term are not counted yet. null when none is decided.
 *
 * REOPEN RATE: of the reports that were marked fixed at least once, the share the citizen reopened
 * (rejected the fix) at least once. null when none was fixed.
 */

export interface AccountabilityRow {
  status: ReportStatus;
  registeredAt: Date;
  acknowledgedAt: Date | null;
  answeredAt: Date | null;
  fixedAt: Date | null;
  /** Kazakhstan date the answer is due (after extensions and pauses); null before routing. */
  answerDueOn: string | null;
  reopenCount: number;
}

export interface Distribution {
  /** Size of the sample. */
  n: number;
  median: number | null;
  p90: number | null;
}

export interface AccountabilityFigures {
  counts: { total: number; acknowledged: number; answered: number; fixed: number; open: number; overdue: number };
  acknowledge: Distribution;
  answer: Distribution;
  fix: Distribution;
  onTime: { share: number | null; onTime: number; decided: number };
  reopen: { rate: number | null; reopened: number; fixed: number };
}

/** The p-quantile (0 ≤ p ≤ 1) of `values` by linear interpolation (type 7); null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError('p must be within [0, 1]');
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const h = (xs.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, xs.length - 1);
  return xs[lo]! + (h - lo) * (xs[hi]! - xs[lo]!);
}

export function median(values: readonly number[]): number | null {
  return percentile(values, 0.5);
}

export function distribution(values: readonly number[]): Distribution {
  return { n: values.length, median: median(values), p90: percentile(values, 0.9) };
}

const DAY_MS = 86_400_000;
/** Calendar days (with decimals) from `from` to `to`; negative spans (clock skew) count as 0. */
export function daysFrom(from: Date, to: Date): number {
  return Math.max(0, (to.getTime() - from.getTime()) / DAY_MS);
}

const KZ_OFFSET_MS = 5 * 3_600_000;
function kzDay(at: Date): string {
  return new Date(at.getTime() + KZ_OFFSET_MS).toISOString().slice(0, 10);
}

const OPEN: ReadonlySet<ReportStatus> = new Set(['registered', 'assigned', 'in-progress', 'info-requested', 'reopened']);

/** The figures of one akimat's rows; `today` is the Kazakhstan date (YYYY-MM-DD). */
export function accountabilityFigures(rows: readonly AccountabilityRow[], today: string): AccountabilityFigures {
  const set = rows.filter((r) => r.status !== 'merged');
  const ack: number[] = [];
  const answer: number[] = [];
  const fix: number[] = [];
  let onTime = 0;
  let decided = 0;
  let everFixed = 0;
  let reopened = 0;
  let open = 0;
  let overdue = 0;
  for (const r of set) {
    if (r.acknowledgedAt) ack.push(daysFrom(r.registeredAt, r.acknowledgedAt));
    const respondedAt = r.answeredAt ?? r.fixedAt;
    if (respondedAt) answer.push(daysFrom(r.registeredAt, respondedAt));
    if (r.fixedAt) fix.push(daysFrom(r.registeredAt, r.fixedAt));
    if (r.answerDueOn) {
      if (respondedAt) {
        decided++;
        if (daysBetween(r.answerDueOn, kzDay(respondedAt)) <= 0) onTime++;
      } else if (daysBetween(r.answerDueOn, today) > 0) {
        decided++;
      }
    }
    const isOpen = OPEN.has(r.status);
    if (isOpen) open++;
    if (isOpen && !respondedAt && r.answerDueOn && r.status !== 'info-requested' && daysBetween(r.answerDueOn, today) > 0) overdue++;
    if (r.fixedAt || r.reopenCount > 0) everFixed++;
    if (r.reopenCount > 0) reopened++;
  }
  return {
    counts: { total: set.length, acknowledged: ack.length, answered: answer.length, fixed: fix.length, open, overdue },
    acknowledge: distribution(ack),
    answer: distribution(answer),
    fix: distribution(fix),
    onTime: { share: decided > 0 ? onTime / decided : null, onTime, decided },
    reopen: { rate: everFixed > 0 ? reopened / everFixed : null, reopened, fixed: everFixed },
  };
}
