/**
 * The IIN (individual identification number) of a person in Kazakhstan: 12 digits.
 *   1–6  birth date YYMMDD
 *   7    century and sex: 1/2 = 19th century M/F, 3/4 = 20th, 5/6 = 21st
 *   8–11 serial number
 *   12   check digit: c = Σ dᵢ·wᵢ mod 11 with w = 1..11; if c = 10, again with w = 3..11,1,2;
 *        if that is 10 too, the number is never issued (invalid). Valid iff c = d₁₂.
 * (Government Decree No. 406 of 22 May 2007.)
 */
export type Sex = 'M' | 'F';

export interface IinInfo {
  /** 'YYYY-MM-DD' */
  birthDate: string;
  sex: Sex;
  serial: string;
}

export type IinCheck =
  | { kind: 'valid'; info: IinInfo }
  | { kind: 'invalid'; reason: 'format' | 'century' | 'date' | 'checksum' };

const W1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const W2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/** The check digit of the first 11 digits, or null when no check digit can be issued. */
export function iinCheckDigit(first11: readonly number[]): number | null {
  const sum = (w: number[]) => first11.reduce((acc, d, i) => acc + d * w[i]!, 0) % 11;
  const c1 = sum(W1);
  if (c1 !== 10) return c1;
  const c2 = sum(W2);
  return c2 === 10 ? null : c2;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export function checkIin(value: string): IinCheck {
  if (!/^[0-9]{12}$/.test(value)) return { kind: 'invalid', reason: 'format' };
  const digits = [...value].map(Number);
  const centuryDigit = digits[6]!;
  if (centuryDigit < 1 || centuryDigit > 6) return { kind: 'invalid', reason: 'century' };
  const century = 1800 + Math.floor((centuryDigit - 1) / 2) * 100;
  const year = century + Number(value.slice(0, 2));
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  if (!isRealDate(year, month, day)) return { kind: 'invalid', reason: 'date' };
  if (iinCheckDigit(digits.slice(0, 11)) !== digits[11]) return { kind: 'invalid', reason: 'checksum' };
  return {
    kind: 'valid',
    info: {
      birthDate: `${year}-${value.slice(2, 4)}-${value.slice(4, 6)}`,
      sex: centuryDigit % 2 === 1 ? 'M' : 'F',
      serial: value.slice(7, 11),
    },
  };
}

/** Normalises what a person typed: spaces and dashes removed. */
export function normaliseIin(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** The day a person born on `birthDate` turns `years` (29 Feb birthdays count from 1 Mar). */
export function anniversary(birthDate: string, years: number): string {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + years, m - 1, d));
  return date.toISOString().slice(0, 10);
}

export const ADULT_AGE = 18;

/** Whether a person born on `birthDate` is an adult on `today` ('YYYY-MM-DD'). */
export function isAdultOn(birthDate: string, today: string): boolean {
  return anniversary(birthDate, ADULT_AGE) <= today;
}

/**
 * Composes a valid IIN for a birth date, sex and serial (the next serial when no check digit can
 * be issued for one). For demo content and tests: real IINs are issued by the state.
 */
export function composeIin(birthDate: string, sex: Sex, serial: number): string {
  const [y, m, d] = birthDate.split('-') as [string, string, string];
  const centuryDigit = (Number(y.slice(0, 2)) - 18) * 2 + (sex === 'M' ? 1 : 2);
  for (let s = serial; ; s++) {
    const first11 = `${y.slice(2)}${m}${d}${centuryDigit}${String(s % 10000).padStart(4, '0')}`;
    const check = iinCheckDigit([...first11].map(Number));
    if (check !== null) return `${first11}${check}`;
  }
}
