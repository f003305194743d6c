/**
 * Types shared by the integrity checks. A signature event carries ids only: no IIN, no name, no
 * contact data. `citizenId` is the opaque primary key of the citizen (never the IIN or its hash).
 */

/** One signature as the integrity checks see it. */
export interface SignatureEvent {
  readonly signatureId: string;
  readonly petitionId: string;
  /** Opaque citizen id (database key), never the IIN or a name. */
  readonly citizenId: string;
  /** When the signature was recorded (the server's clock). */
  readonly signedAt: Date;
  /** Client address as seen by the server: IPv4 or IPv6 text (v4-mapped IPv6 is treated as IPv4). */
  readonly ip: string;
  readonly userAgent: string;
  /** First-party device cookie id; null when the browser sent none. */
  readonly deviceId: string | null;
  /** Passkey authenticator model id (AAGUID) of the credential used; null when unknown. */
  readonly aaguid: string | null;
  readonly accountCreatedAt: Date;
  /** When the citizen's identity was proofed (IIN verified). */
  readonly proofedAt: Date;
  /** When the passkey used for this signature was registered. */
  readonly passkeyCreatedAt: Date;
  /** KATO code of the citizen's region of residence (9 digits); null when unknown. */
  readonly regionKato: string | null;
}

export const SIGNAL_NAMES = [
  'velocityBurst',
  'networkConcentration',
  'sharedDevice',
  'accountWave',
  'lockstep',
  'throttle',
] as const;
export type SignalName = (typeof SIGNAL_NAMES)[number];

/** Parameters of an explanation: numbers and non-personal strings (networks, durations). */
export type ExplanationParams = Readonly<Record<string, string | number>>;

/** An i18n key (in the `integrity` area) and its parameters. */
export interface Explanation {
  readonly key: string;
  readonly params: ExplanationParams;
}

/**
 * The set of signatures a signal's evidence is about. When a signature is put under review for a
 * grouped signal, the same evidence applies to every earlier signature in the group (the worker
 * re-scores them). Ids here are opaque keys, never shown in explanations. Weak-key evidence (a
 * device model and browser) has no group: it would pull in everyone with the same phone model.
 */
export type SignalGroup =
  | { readonly kind: 'ip'; readonly petitionId: string; readonly ip: string; readonly from: Date; readonly to: Date }
  | { readonly kind: 'network'; readonly petitionId: string; readonly network: string; readonly from: Date; readonly to: Date }
  | { readonly kind: 'device'; readonly deviceId: string; readonly from: Date; readonly to: Date }
  | {
      readonly kind: 'young-accounts';
      readonly petitionId: string;
      readonly youngHours: number;
      readonly from: Date;
      readonly to: Date;
    }
  | {
      /** The cluster's signatures on the petitions where its members co-signed (within the lookback). */
      readonly kind: 'cluster';
      readonly citizenIds: readonly string[];
      readonly petitionIds: readonly string[];
      readonly from: Date;
      readonly to: Date;
    };

/** What one signal says about one signature. */
export interface SignalResult {
  readonly signal: SignalName;
  /**
   * Strength in [0, 1]: 0 when not triggered; 0.5 at a threshold, 1 at saturation (weak-key
   * device evidence is further multiplied by device.weakKey.factor).
   */
  readonly score: number;
  readonly triggered: boolean;
  /** The numbers behind the verdict (counts, shares, p-values, thresholds used). */
  readonly evidence: Readonly<Record<string, number>>;
  readonly explanation: Explanation;
  readonly group?: SignalGroup;
}

export type Decision = 'count' | 'review';
