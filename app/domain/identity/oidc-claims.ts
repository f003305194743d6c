import { z } from 'zod';

/**
 * Pure mapping from the claims an OpenID Connect provider sends to the identity Dauys records
 * (the input of `recordProofing`). Claim names are configuration (OIDC_CLAIM_*), because a
 * national provider need not use the standard names.
 *
 * Rules:
 * - A claim is read under its configured name; a name with dots ("address.kato") that is not
 *   itself a key is read as a path through nested objects.
 * - Values must be strings (an IIN sent as a JSON number would have lost its leading zeros, so a
 *   number is refused as malformed, never converted).
 * - IIN, given name, family name and residence are required: a missing IIN is `missing-iin`, any
 *   other missing one `missing-details`. Birth date is optional (when sent it must agree with the
 *   IIN, which `recordProofing` checks).
 * - The email is kept only when the provider says it is verified (`email_verified === true`) and
 *   it is a well-formed address; otherwise it is dropped, never a reason to refuse.
 * - ID token claims win; userinfo only fills claims the ID token lacks, and only when both name
 *   the same subject (`sub`).
 */
export interface OidcClaimNames {
  iin: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  residenceKato: string;
  email: string;
}

export const STANDARD_CLAIM_NAMES: OidcClaimNames = {
  iin: 'iin',
  givenName: 'given_name',
  familyName: 'family_name',
  birthDate: 'birthdate',
  residenceKato: 'residence_kato',
  email: 'email',
};

export type Claims = Readonly<Record<string, unknown>>;

/** The identity as `recordProofing` receives it (validated there, whichever provider sent it). */
export interface MappedIdentity {
  iin: string;
  givenName: string;
  familyName: string;
  birthDate?: string;
  residenceKato: string;
  email?: string;
}

export type ClaimField = keyof OidcClaimNames;
export const REQUIRED_FIELDS = ['iin', 'givenName', 'familyName', 'residenceKato'] as const satisfies readonly ClaimField[];

export type ClaimMapping =
  | { kind: 'ok'; identity: MappedIdentity }
  | { kind: 'refused'; reason: 'missing-iin' | 'missing-details' | 'malformed-claims'; fields: ClaimField[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value of a claim by its configured name (an exact key first, then a dotted path). */
export function readClaim(claims: Claims, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(claims, name)) return claims[name];
  if (!name.includes('.')) return undefined;
  let node: unknown = claims;
  for (const part of name.split('.')) {
    if (!isRecord(node) || !Object.prototype.hasOwnProperty.call(node, part)) return undefined;
    node = node[part];
  }
  return node;
}

/** Present = not undefined, not null and, for strings, not blank. */
function present(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

/** The required fields whose claims are absent (what userinfo may still provide). */
export function missingFields(claims: Claims, names: OidcClaimNames): ClaimField[] {
  return REQUIRED_FIELDS.filter((f) => !present(readClaim(claims, names[f])));
}

/**
 * ID token claims with the userinfo claims added where the ID token has none. Userinfo of another
 * subject is ignored entirely (OIDC Core 5.3.2: its `sub` must equal the ID token's).
 */
export function mergeClaims(idToken: Claims, userinfo: Claims | undefined): Record<string, unknown> {
  if (!userinfo || typeof idToken.sub !== 'string' || userinfo.sub !== idToken.sub) return { ...idToken };
  // A Map, then fromEntries: keys such as "__proto__" stay plain data.
  const merged = new Map(Object.entries(idToken));
  for (const [k, v] of Object.entries(userinfo)) if (!present(merged.get(k))) merged.set(k, v);
  return Object.fromEntries(merged);
}

const Email = z.string().trim().email().max(200);

/** Maps claims to the identity to record, or says which claims are missing or malformed. */
export function mapClaims(claims: Claims, names: OidcClaimNames): ClaimMapping {
  const missing = missingFields(claims, names);
  if (missing.includes('iin')) return { kind: 'refused', reason: 'missing-iin', fields: missing };
  if (missing.length > 0) return { kind: 'refused', reason: 'missing-details', fields: missing };

  const text: Partial<Record<ClaimField, string>> = {};
  const malformed: ClaimField[] = [];
  for (const field of [...REQUIRED_FIELDS, 'birthDate'] as const) {
    const value = readClaim(claims, names[field]);
    if (!present(value)) continue;
    if (typeof value === 'string') text[field] = value.trim();
    else malformed.push(field);
  }
  if (malformed.length > 0) return { kind: 'refused', reason: 'malformed-claims', fields: malformed };

  const identity: MappedIdentity = {
    iin: text.iin!,
    givenName: text.givenName!,
    familyName: text.familyName!,
    residenceKato: text.residenceKato!,
  };
  if (text.birthDate) identity.birthDate = text.birthDate;
  const email = Email.safeParse(readClaim(claims, names.email));
  if (email.success && claims.email_verified === true) identity.email = email.data;
  return { kind: 'ok', identity };
}
