/**
 * Limits of the citizen's texts and photos (pure, so that the forms show the same numbers the
 * domain checks; filing.server.ts and citizen.server.ts enforce them).
 */
export const MAX_PHOTOS = 3;
export const DESCRIPTION_MIN = 10;
export const DESCRIPTION_MAX = 5000;
export const ADDRESS_MIN = 3;
export const ADDRESS_MAX = 300;
/** Rejecting a fix: the reason. */
export const REASON_MIN = 10;
export const REASON_MAX = 2000;
/** Replying to an information request. */
export const REPLY_MIN = 2;
export const REPLY_MAX = 4000;
