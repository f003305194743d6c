/**
 * Colour classes of the signatures-by-region choropleth (pure; used by the page and its legend).
 *
 * Rule: a region's share is its valid signatures divided by the petition's valid signatures in all
 * regions. Class 0 = no signature; classes 1..5 have fixed upper bounds (inclusive)
 *   (0, 2.5 %], (2.5 %, 5 %], (5 %, 10 %], (10 %, 20 %], (20 %, 100 %].
 * Fixed bounds (rather than quantiles) keep the legend the same on every petition: with 20
 * first-level units an even spread gives each 5 %, the border between classes 2 and 3.
 *
 * Colours: a sequential blue scale (ColorBrewer "Blues", 5 classes, darkened at the top) plus a
 * light grey for "none". The map is decorative-plus: the table next to it is the accessible
 * source, and every region carries its number in a <title>.
 */

/** Upper bounds of classes 1..5, as fractions of all valid signatures. */
export const SHARE_BREAKS = [0.025, 0.05, 0.1, 0.2, 1] as const;

/** Fill colour per class (index = class). */
export const SHARE_COLOURS = ['#eeeeee', '#c6dbef', '#9ecae1', '#4292c6', '#2166ac', '#08306b'] as const;

export type ShareClass = 0 | 1 | 2 | 3 | 4 | 5;

/** The share of `count` in `total` (0 when total is 0). */
export function shareOf(count: number, total: number): number {
  return total > 0 && count > 0 ? count / total : 0;
}

/** The colour class of a region with `count` of the petition's `total` valid signatures. */
export function shareClass(count: number, total: number): ShareClass {
  if (!(count > 0) || !(total > 0)) return 0;
  const share = Math.min(1, count / total);
  const i = SHARE_BREAKS.findIndex((b) => share <= b);
  return (i === -1 ? SHARE_BREAKS.length : i + 1) as ShareClass;
}

export interface LegendEntry {
  shareClass: ShareClass;
  /** Lower bound (exclusive) and upper bound (inclusive) as fractions; null for class 0. */
  from: number | null;
  to: number | null;
  colour: string;
}

/** The legend: class 0 ("no signatures") then the five ranges. */
export function shareLegend(): LegendEntry[] {
  return [
    { shareClass: 0, from: null, to: null, colour: SHARE_COLOURS[0] },
    ...SHARE_BREAKS.map((to, i) => ({
      shareClass: (i + 1) as ShareClass,
      from: i === 0 ? 0 : SHARE_BREAKS[i - 1]!,
      to,
      colour: SHARE_COLOURS[i + 1]!,
    })),
  ];
}
