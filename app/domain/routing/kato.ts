/**
 * KATO codes (the classifier of administrative-territorial objects): 9 digits AA BB CC DDD, where
 * AA is the region or city of republican significance, BB CC the district / city / city district.
 * A first-level unit is AA0000000; the region of any code is therefore its first two digits
 * followed by seven zeros (the seed checks this for every district row).
 */
export const KATO_PATTERN = /^[0-9]{9}$/;

export function isKato(value: string): boolean {
  return KATO_PATTERN.test(value);
}

/** The first-level unit (region or city of republican significance) a KATO code belongs to. */
export function regionOfKato(kato: string): string {
  return `${kato.slice(0, 2)}0000000`;
}

/** True for a first-level code (AA0000000). */
export function isFirstLevelKato(kato: string): boolean {
  return isKato(kato) && kato.endsWith('0000000');
}
