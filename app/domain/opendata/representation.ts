import { REJECTION_REASONS, type RejectionReasonCode } from '../petitions/reasons';
import type { Level, PublicState } from './params';
import { neutralizeFormula, type CsvValue } from './csv';

/**
 * What the open data says about a petition, and nothing more. Built from an explicit list of
 * public columns (PetitionReadRow): no account id, no author name, nothing about signers (no
 * signer keys, IIN hashes, IP addresses, devices or passkeys), no moderator or officer ids. The
 * author's display name is left out on purpose: a bulk, permanent, machine-readable export of
 * "Given F." next to a district is a needless re-identification risk, and the open data's purpose
 * (what was asked, of whom, with what support and outcome) does not need it.
 *
 * A petition rejected for a reason that hides its text (REJECTION_REASONS[code].hidesText, e.g.
 * offensive) is listed with its reason but without title, text or text hash (`text_hidden: true`).
 */

export interface Names {
  kk: string;
  ru: string;
  en: string;
}

/** One petition as read from the database: public columns only (see petitions.server.ts). */
export interface PetitionReadRow {
  id: string;
  number: number;
  state: string;
  topic: string;
  addresseeKind: string;
  addresseeBodyCode: string | null;
  addresseeLocalBodyId: number | null;
  addresseeNameKk: string | null;
  addresseeNameRu: string | null;
  addresseeNameEn: string | null;
  unitKato: string | null;
  unitLevel: number | null;
  unitParentKato: string | null;
  title: string;
  body: string;
  textHash: string;
  version: number;
  valid: number | null;
  underReview: number | null;
  countedAt: Date | null;
  thresholdRequired: number | null;
  thresholdRule: string | null;
  thresholdPopulation: number | null;
  createdAt: Date;
  openedAt: Date | null;
  closesAt: Date | null;
  thresholdReachedAt: Date | null;
  closedAt: Date | null;
  registeredAt: Date | null;
  answeredAt: Date | null;
  moderatedAt: Date | null;
  moderationDueOn: string | null;
  considerationDueOn: string | null;
  decision: string | null;
  responseText: string | null;
  responseDocumentUrl: string | null;
  rejectionReason: string | null;
  rejectionTopicGroup: string | null;
  rejectionNote: string | null;
}

export interface PublicPetition {
  id: string;
  number: number;
  url: string;
  title: string | null;
  text: string | null;
  text_hash: string | null;
  text_hidden: boolean;
  version: number;
  topic: string;
  state: PublicState;
  addressee: { kind: string; code: string | null; local_body_id: number | null; names: Names; unit_kato: string | null };
  level: Level;
  region_kato: string | null;
  signatures: { valid: number; under_review: number; counted_at: string | null };
  threshold: { required: number | null; rule: string | null; population: number | null };
  dates: {
    created: string;
    opened: string | null;
    closes: string | null;
    threshold_reached: string | null;
    closed: string | null;
    moderated: string | null;
    registered: string | null;
    answered: string | null;
    moderation_due: string | null;
    consideration_due: string | null;
  };
  response: { decision: string; text: string | null; document_url: string | null } | null;
  rejection: { reason: string; topic_group: string | null; note: string | null } | null;
}

export interface RegionCount {
  region_kato: string;
  /** Null when the code is not (or no longer) a unit of the classifier. */
  names: Names | null;
  valid: number;
}

export interface TimelineEntry {
  event: string;
  from: string | null;
  to: string;
  at: string;
  actor_role: string;
  /** Only for `record-milestone`: what the addressee reports as done. */
  milestone: { text: string; progress_percent: number | null } | null;
}

/** The public integrity report of a petition: counts and aggregates only. */
export interface IntegrityReportEntry {
  valid: number;
  under_review: number;
  invalidated: number;
  withdrawn: number;
  invalidation_reasons: { reason: string; signatures: number }[];
  signals: { signal: string; signatures: number }[];
}

export interface PublicPetitionDetail extends PublicPetition {
  signatures_by_region: RegionCount[];
  timeline: TimelineEntry[];
  integrity: IntegrityReportEntry;
}

export interface PetitionList {
  data: PublicPetition[];
  meta: { total: number; page: number; per_page: number; pages: number };
  links: { self: string; first: string; last: string; prev: string | null; next: string | null };
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Whether a rejected petition's text stays hidden (its reason says so). */
export function textHidden(state: string, rejectionReason: string | null): boolean {
  if (state !== 'rejected' || rejectionReason === null) return false;
  return REJECTION_REASONS[rejectionReason as RejectionReasonCode]?.hidesText ?? false;
}

/** national: the Government or a ministry; region: a level-1 unit's body; district: a level-2 unit's body. */
export function levelOf(unitKato: string | null, unitLevel: number | null): Level {
  if (unitKato === null) return 'national';
  return unitLevel === 1 ? 'region' : 'district';
}

export function petitionUrl(publicOrigin: string, id: string): string {
  return `${publicOrigin.replace(/\/+$/, '')}/petitions/${id}`;
}

export function toPublicPetition(r: PetitionReadRow, publicOrigin: string): PublicPetition {
  const hidden = textHidden(r.state, r.rejectionReason);
  const level = levelOf(r.unitKato, r.unitLevel);
  return {
    id: r.id,
    number: r.number,
    url: petitionUrl(publicOrigin, r.id),
    title: hidden ? null : r.title,
    text: hidden ? null : r.body,
    text_hash: hidden ? null : r.textHash,
    text_hidden: hidden,
    version: r.version,
    topic: r.topic,
    state: r.state as PublicState,
    addressee: {
      kind: r.addresseeKind,
      code: r.addresseeBodyCode,
      local_body_id: r.addresseeLocalBodyId,
      names: { kk: r.addresseeNameKk ?? r.addresseeNameRu ?? '', ru: r.addresseeNameRu ?? '', en: r.addresseeNameEn ?? '' },
      unit_kato: r.unitKato,
    },
    level,
    region_kato: level === 'national' ? null : level === 'region' ? r.unitKato : r.unitParentKato,
    signatures: { valid: r.valid ?? 0, under_review: r.underReview ?? 0, counted_at: iso(r.countedAt) },
    threshold: { required: r.thresholdRequired, rule: r.thresholdRule, population: r.thresholdPopulation },
    dates: {
      created: r.createdAt.toISOString(),
      opened: iso(r.openedAt),
      closes: iso(r.closesAt),
      threshold_reached: iso(r.thresholdReachedAt),
      closed: iso(r.closedAt),
      moderated: iso(r.moderatedAt),
      registered: iso(r.registeredAt),
      answered: iso(r.answeredAt),
      moderation_due: r.moderationDueOn,
      consideration_due: r.considerationDueOn,
    },
    response:
      r.state === 'answered' && r.decision !== null ? { decision: r.decision, text: r.responseText, document_url: r.responseDocumentUrl } : null,
    rejection:
      r.state === 'rejected' && r.rejectionReason !== null
        ? { reason: r.rejectionReason, topic_group: r.rejectionTopicGroup, note: r.rejectionNote }
        : null,
  };
}

/** The public part of a stored event: never its actor id; a milestone's text and progress only. */
export function toTimelineEntry(e: { event: string; fromState: string | null; toState: string; at: Date; actorRole: string; data: unknown }): TimelineEntry {
  let milestone: TimelineEntry['milestone'] = null;
  if (e.event === 'record-milestone' && typeof e.data === 'object' && e.data !== null) {
    const d = e.data as { text?: unknown; progressPercent?: unknown };
    if (typeof d.text === 'string')
      milestone = { text: d.text, progress_percent: typeof d.progressPercent === 'number' ? d.progressPercent : null };
  }
  return { event: e.event, from: e.fromState, to: e.toState, at: e.at.toISOString(), actor_role: e.actorRole, milestone };
}

/**
 * The CSV columns, one row per petition, in this order. Nested objects are flattened with `_`.
 * Free-text columns written by people pass through neutralizeFormula (see csv.ts).
 */
export const CSV_COLUMNS: readonly (readonly [string, (p: PublicPetition) => CsvValue])[] = [
  ['id', (p) => p.id],
  ['number', (p) => p.number],
  ['url', (p) => p.url],
  ['state', (p) => p.state],
  ['title', (p) => neutralizeFormula(p.title)],
  ['text', (p) => neutralizeFormula(p.text)],
  ['text_hash', (p) => p.text_hash],
  ['text_hidden', (p) => p.text_hidden],
  ['version', (p) => p.version],
  ['topic', (p) => p.topic],
  ['level', (p) => p.level],
  ['region_kato', (p) => p.region_kato],
  ['addressee_kind', (p) => p.addressee.kind],
  ['addressee_code', (p) => p.addressee.code],
  ['addressee_local_body_id', (p) => p.addressee.local_body_id],
  ['addressee_unit_kato', (p) => p.addressee.unit_kato],
  ['addressee_name_kk', (p) => p.addressee.names.kk],
  ['addressee_name_ru', (p) => p.addressee.names.ru],
  ['addressee_name_en', (p) => p.addressee.names.en],
  ['signatures_valid', (p) => p.signatures.valid],
  ['signatures_under_review', (p) => p.signatures.under_review],
  ['signatures_counted_at', (p) => p.signatures.counted_at],
  ['threshold_required', (p) => p.threshold.required],
  ['threshold_rule', (p) => p.threshold.rule],
  ['threshold_population', (p) => p.threshold.population],
  ['created_at', (p) => p.dates.created],
  ['opened_at', (p) => p.dates.opened],
  ['closes_at', (p) => p.dates.closes],
  ['threshold_reached_at', (p) => p.dates.threshold_reached],
  ['closed_at', (p) => p.dates.closed],
  ['moderated_at', (p) => p.dates.moderated],
  ['registered_at', (p) => p.dates.registered],
  ['answered_at', (p) => p.dates.answered],
  ['moderation_due_on', (p) => p.dates.moderation_due],
  ['consideration_due_on', (p) => p.dates.consideration_due],
  ['response_decision', (p) => p.response?.decision],
  ['response_text', (p) => neutralizeFormula(p.response?.text ?? null)],
  ['response_document_url', (p) => p.response?.document_url],
  ['rejection_reason', (p) => p.rejection?.reason],
  ['rejection_topic_group', (p) => p.rejection?.topic_group],
  ['rejection_note', (p) => neutralizeFormula(p.rejection?.note ?? null)],
];

export const CSV_HEADER: readonly string[] = CSV_COLUMNS.map(([name]) => name);

export function csvRow(p: PublicPetition): CsvValue[] {
  return CSV_COLUMNS.map(([, get]) => get(p));
}
