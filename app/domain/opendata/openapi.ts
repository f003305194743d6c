import { PROHIBITED_TOPIC_CODES, REJECTION_REASON_CODES } from '../petitions/reasons';
import { DECISIONS as REPORT_DECISIONS, REPORT_EVENTS, REPORT_ACTORS, REPORT_STATUSES } from '../reports/states';
import { ACTOR_ROLES, DECISIONS, PETITION_EVENTS, PETITION_STATES, VISIBLE_PUBLICLY } from '../petitions/states';
import { ADDRESSEE_KINDS } from '../petitions/thresholds';
import { PETITION_TOPICS } from '../petitions/topics';
import {
  API_LOCALES,
  DEFAULT_PER_PAGE,
  FORMATS,
  LEVELS,
  MAX_PAGE,
  MAX_PER_PAGE,
  PARAM_ERROR_CODES,
  PUBLIC_STATES,
  Q_MAX,
  REPORT_STATUS_GROUPS,
  Q_MIN,
  SORTS,
  STATUS_GROUPS,
  STATUS_VALUES,
} from './params';
import { SIGNAL_NAMES } from '../integrity/types';
import { CACHE_CONTROL, CSV_FILENAME, VARY } from './http';
import { CSV_HEADER } from './representation';

/**
 * The OpenAPI 3.1 document of the open-data API, built in code from the same constants the
 * parser and the serializers use (states, groups, limits, CSV columns), so it cannot drift from
 * them. Schemas are JSON Schema 2020-12 (the dialect is declared), written with the keywords whose
 * meaning is the same in draft-07 (SCHEMA_KEYWORDS), and closed (`additionalProperties: false`):
 * a field that is not documented, a personal one above all, fails validation.
 */

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

export interface SchemaObject {
  $ref?: string;
  title?: string;
  description?: string;
  type?: JsonType | readonly JsonType[];
  format?: string;
  pattern?: string;
  enum?: readonly (string | number | boolean | null)[];
  const?: string | number | boolean | null;
  default?: string | number | boolean | null;
  examples?: readonly unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  uniqueItems?: boolean;
  properties?: Record<string, SchemaObject>;
  required?: readonly string[];
  additionalProperties?: boolean | SchemaObject;
  items?: SchemaObject;
  oneOf?: readonly SchemaObject[];
  anyOf?: readonly SchemaObject[];
  contentMediaType?: string;
}

/** The schema keywords the document may use (same meaning in JSON Schema 2020-12 and draft-07). */
export const SCHEMA_KEYWORDS: ReadonlySet<string> = new Set([
  '$ref',
  'title',
  'description',
  'type',
  'format',
  'pattern',
  'enum',
  'const',
  'default',
  'examples',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'uniqueItems',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'oneOf',
  'anyOf',
  'contentMediaType',
]);

export interface Ref {
  $ref: string;
}

export interface ParameterObject {
  name: string;
  in: 'query' | 'header' | 'path';
  description: string;
  required?: boolean;
  style?: 'form' | 'simple';
  explode?: boolean;
  schema: SchemaObject;
  example?: unknown;
}

export interface HeaderObject {
  description: string;
  required?: boolean;
  schema: SchemaObject;
}

export interface MediaTypeObject {
  schema: SchemaObject;
  example?: unknown;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, HeaderObject | Ref>;
  content?: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  operationId: string;
  summary: string;
  description: string;
  tags: readonly string[];
  parameters: readonly (ParameterObject | Ref)[];
  responses: Record<string, ResponseObject | Ref>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  jsonSchemaDialect: string;
  info: { title: string; version: string; summary: string; description: string };
  servers: readonly { url: string; description: string }[];
  tags: readonly { name: string; description: string }[];
  paths: Record<string, { get: OperationObject }>;
  components: {
    schemas: Record<string, SchemaObject>;
    parameters: Record<string, ParameterObject>;
    headers: Record<string, HeaderObject>;
    responses: Record<string, ResponseObject>;
  };
}

const ref = (kind: 'schemas' | 'parameters' | 'headers' | 'responses', name: string): Ref => ({ $ref: `#/components/${kind}/${name}` });
const schemaRef = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });
const nullable = (name: string): SchemaObject => ({ oneOf: [schemaRef(name), { type: 'null' }] });

const str = (description: string, extra: SchemaObject = {}): SchemaObject => ({ type: 'string', description, ...extra });
const strOrNull = (description: string, extra: SchemaObject = {}): SchemaObject => ({ type: ['string', 'null'], description, ...extra });
const instant = (description: string): SchemaObject => strOrNull(description, { format: 'date-time' });
const localDate = (description: string): SchemaObject => strOrNull(`${description} (a Kazakhstan local date).`, { format: 'date' });
const closed = (properties: Record<string, SchemaObject>, description?: string): SchemaObject => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});

/** A page of a list resource: its items, the paging figures and the links to other pages. */
const pageOf = (item: string, description: string, totalDescription?: string): SchemaObject =>
  closed(
    {
      data: { type: 'array', items: schemaRef(item) },
      meta: closed({
        total: { type: 'integer', minimum: 0, ...(totalDescription ? { description: totalDescription } : {}) },
        page: { type: 'integer', minimum: 1 },
        per_page: { type: 'integer', minimum: 1, maximum: MAX_PER_PAGE },
        pages: { type: 'integer', minimum: 1 },
      }),
      links: closed({
        self: str('This page.', { format: 'uri' }),
        first: str('The first page.', { format: 'uri' }),
        last: str('The last page.', { format: 'uri' }),
        prev: strOrNull('The previous page.', { format: 'uri' }),
        next: strOrNull('The next page.', { format: 'uri' }),
      }),
    },
    description,
  );

const KATO = '^[0-9]{9}$';
const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

const PETITION_PROPERTIES: Record<string, SchemaObject> = {
  id: str('Identifier of the petition.', { format: 'uuid', pattern: UUID }),
  number: { type: 'integer', minimum: 1, description: 'Public number of the petition.' },
  url: str('The petition’s public page.', { format: 'uri' }),
  title: strOrNull('Title of the current version; null when the text is hidden (text_hidden).'),
  text: strOrNull('Text of the current version; null when the text is hidden.'),
  text_hash: strOrNull('SHA-256 (hex) of the canonical current text: what signatures commit to; null when the text is hidden.', {
    pattern: '^[0-9a-f]{64}$',
  }),
  text_hidden: { type: 'boolean', description: 'True for a petition rejected for a reason that hides its text (offensive).' },
  version: { type: 'integer', minimum: 1, description: 'Number of the current version of the text.' },
  topic: str(`Topic code chosen by the author (today one of: ${PETITION_TOPICS.join(', ')}; not closed, as the list may grow).`),
  state: { type: 'string', enum: PUBLIC_STATES, description: 'State of the petition.' },
  addressee: schemaRef('Addressee'),
  level: { type: 'string', enum: LEVELS, description: 'national: the Government or a ministry; region: a body of a region or city of republican significance; district: a body of a district or city.' },
  region_kato: strOrNull('KATO code of the region (level 1) of a local petition; null for a national one.', { pattern: KATO }),
  signatures: schemaRef('Signatures'),
  threshold: schemaRef('Threshold'),
  dates: schemaRef('Dates'),
  response: nullable('PetitionResponse'),
  rejection: nullable('Rejection'),
};

const DETAIL_PROPERTIES: Record<string, SchemaObject> = {
  ...PETITION_PROPERTIES,
  signatures_by_region: {
    type: 'array',
    description: 'Valid signatures by the signer’s region of residence (regions with none are left out), most first.',
    items: schemaRef('RegionCount'),
  },
  timeline: { type: 'array', description: 'Every event of the petition, oldest first.', items: schemaRef('TimelineEvent') },
  integrity: schemaRef('IntegrityReport'),
};

// ---- National projects (/projects, /projects/{code}) ----
const PROJECT_CODE_PATTERN = '^NP-[A-Z0-9-]+$';

const PROJECT_PROPERTIES: Record<string, SchemaObject> = {
  code: str('Code of the national project.', { pattern: PROJECT_CODE_PATTERN }),
  url: str('The project’s public page.', { format: 'uri' }),
  api_url: str('This project in the open data.', { format: 'uri' }),
  names: schemaRef('Names'),
  summary_en: strOrNull('Summary of the project (in English only for now).'),
  period: str('Period of the project, e.g. 2021-2025; an open end is written 2022-.'),
  status: { type: 'string', enum: ['active', 'closed'], description: 'closed: the project was cancelled or wound down.' },
  priority: nullable('ProjectPriority'),
  responsible_bodies: { type: 'array', items: { type: 'string' }, description: 'Responsible bodies as named in the source (English).' },
  petitions: closed(
    {
      linked: { type: 'integer', minimum: 0, description: 'Public petitions the project office linked to the project (confirmed links only).' },
      answered: { type: 'integer', minimum: 0, description: 'Of them, petitions the addressee answered.' },
    },
    'Petitions linked to the project.',
  ),
  updated_at: { type: 'string', format: 'date-time', description: 'When the project’s data last changed.' },
};

const PROJECT_SCHEMAS: Record<string, SchemaObject> = {
  ProjectPriority: closed({ code: str('Code of the national priority.'), names: schemaRef('Names') }, 'The national priority the project serves.'),
  Project: closed(PROJECT_PROPERTIES, 'A national project.'),
  ProjectIndicator: closed(
    {
      names: schemaRef('Names'),
      unit: strOrNull('Unit code (percent, years, schools, places, km, …) or free text.'),
      baseline: { type: ['number', 'null'], description: 'Starting value.' },
      baseline_year: { type: ['integer', 'null'] },
      target: { type: ['number', 'null'], description: 'Value to reach (also for a decrease).' },
      target_year: { type: ['integer', 'null'] },
      current: { type: ['number', 'null'], description: 'Latest known value.' },
      current_as_of: localDate('Date of the current value'),
      progress: { type: ['number', 'null'], minimum: 0, maximum: 1, description: '(current - baseline) / (target - baseline), clamped to 0..1; null without the three figures.' },
      source: strOrNull('Where the indicator comes from.'),
    },
    'A measurable indicator of a project. Figures are null where none is published.',
  ),
  ProjectPetition: closed(
    {
      id: str('Identifier of the petition.', { format: 'uuid', pattern: UUID }),
      number: { type: 'integer', minimum: 1 },
      url: str('The petition’s public page.', { format: 'uri' }),
      api_url: str('The petition in the open data.', { format: 'uri' }),
      title: str('Title of the current version.'),
      state: { type: 'string', enum: VISIBLE_PUBLICLY, description: 'State of the petition (public states only).' },
      decision: { type: ['string', 'null'], enum: [...DECISIONS, null] },
      answered_at: instant('When the addressee answered.'),
      linked_at: instant('When the project office confirmed the link.'),
      signatures: { type: 'integer', minimum: 0, description: 'Valid signatures as last counted.' },
    },
    'A public petition linked to the project (a confirmed link).',
  ),
  ProjectDetail: closed(
    {
      ...PROJECT_PROPERTIES,
      indicators: { type: 'array', items: schemaRef('ProjectIndicator') },
      linked_petitions: { type: 'array', items: schemaRef('ProjectPetition'), description: 'At most 100, most recently linked first (all of them: /petitions?project=CODE on the portal).' },
      report_categories: {
        type: 'array',
        items: closed({ code: str('Issue category code.'), names: schemaRef('Names') }),
        description: 'Report categories that concern the project.',
      },
      sources: { type: 'array', items: { type: 'string' }, description: 'Where the project data come from.' },
      verification: str('How far the project data have been verified (as compiled).'),
    },
    'A national project with its indicators and linked petitions. Suggested or rejected links, scores and the project office’s notes are never published.',
  ),
  ProjectList: closed(
    { data: { type: 'array', items: schemaRef('Project') }, meta: closed({ total: { type: 'integer', minimum: 0 } }) },
    'Every national project, active ones first.',
  ),
};

// ---- Local issue reports (/reports, /reports/{number}) ----
const REPORT_NUMBER_PATTERN = '^R-[0-9]{4}-[0-9]{6,}$';
const bodyRef = (description: string): SchemaObject => ({
  oneOf: [closed({ id: { type: 'integer', minimum: 1, description: 'Identifier of the akimat (local_bodies).' }, names: schemaRef('Names') }), { type: 'null' }],
  description,
});

const REPORT_PROPERTIES: Record<string, SchemaObject> = {
  number: str('Registration number, given the day the report arrives.', { pattern: REPORT_NUMBER_PATTERN }),
  url: str('The report’s public page.', { format: 'uri' }),
  api_url: str('This report in the open data.', { format: 'uri' }),
  source: { type: 'string', enum: ['portal', 'open311'], description: 'portal: filed by a proofed citizen on the portal; open311: filed by a partner system.' },
  category: closed({ code: str('Issue category code (also the Open311 service_code).'), names: schemaRef('Names') }, 'The issue category.'),
  status: { type: 'string', enum: REPORT_STATUSES, description: 'Detailed status of the report.' },
  status_group: { type: 'string', enum: REPORT_STATUS_GROUPS, description: 'open: the akimat owes an answer; answered; fixed (also confirmed or unconfirmed fixes); closed (without a fix, or merged).' },
  description: str('What the reporter wrote about the problem.'),
  location: {
    oneOf: [closed({ lon: { type: 'number', minimum: -180, maximum: 180 }, lat: { type: 'number', minimum: -90, maximum: 90 } }), { type: 'null' }],
    description: 'The point (WGS 84); null when the report was filed with a region or district and an address instead.',
  },
  address: strOrNull('Address of the problem as typed.'),
  place_kato: strOrNull('KATO code of the unit the place lies in (district when known, else region).', { pattern: KATO }),
  region_kato: strOrNull('KATO code of its region (level 1).', { pattern: KATO }),
  akimat: bodyRef('The akimat the report is assigned to; null until routed.'),
  department: {
    oneOf: [closed({ code: str('Department type code.'), names: schemaRef('Names') }), { type: 'null' }],
    description: 'The department of the akimat that handles it.',
  },
  escalated_to: bodyRef('The upper-level akimat the overdue report was escalated to.'),
  dates: closed(
    {
      registered: { type: 'string', format: 'date-time', description: 'When the report arrived.' },
      registered_on: { type: 'string', format: 'date', description: 'Registration date (a Kazakhstan working day).' },
      answer_due: localDate('Due date of the answer (after any extension or pause)'),
      answer_due_original: localDate('Due date of the answer before any extension or pause'),
      acknowledged: instant('When the akimat took it into work.'),
      answered: instant('When the akimat answered.'),
      fixed: instant('When it was marked fixed.'),
      closed: instant('When it was closed.'),
    },
    'Dates of the report (instants in UTC, RFC 3339).',
  ),
  answered_on_time: { type: ['boolean', 'null'], description: 'true: answered (or fixed) by the due date; false: answered late or overdue now; null: not due yet or no due date.' },
  decision: { type: ['string', 'null'], enum: [...REPORT_DECISIONS, null], description: 'Decision of the answer.' },
  planned_on: localDate('Date the work is planned for (decision planned)'),
  answer_text: strOrNull('The akimat’s public answer.'),
  merged_into: strOrNull('Registration number of the report this one was merged into as a duplicate.', { pattern: REPORT_NUMBER_PATTERN }),
  applicants: { type: 'integer', minimum: 1, description: 'Residents who reported the problem (the reporter and those who joined). Who they are is never published.' },
  photos: {
    type: 'array',
    description: 'Photos of the problem (report) and of the fix, re-encoded without metadata.',
    items: closed({
      kind: { type: 'string', enum: ['report', 'fix'] },
      url: str('The photo.', { format: 'uri' }),
      thumbnail_url: str('Its thumbnail.', { format: 'uri' }),
      width: { type: 'integer', minimum: 1 },
      height: { type: 'integer', minimum: 1 },
    }),
  },
};

const REPORT_SCHEMAS: Record<string, SchemaObject> = {
  Report: closed(REPORT_PROPERTIES, 'A local issue report. No reporter, partner, contact or official is ever published.'),
  ReportDetail: closed(
    {
      ...REPORT_PROPERTIES,
      duplicates: { type: 'array', items: str('Registration number.', { pattern: REPORT_NUMBER_PATTERN }), description: 'Reports merged into this one.' },
      history: {
        type: 'array',
        description: 'Public steps of the report, oldest first: the role that took each step, never the person.',
        items: closed({
          event: { type: 'string', enum: REPORT_EVENTS },
          status: { type: 'string', enum: REPORT_STATUSES, description: 'Status after the step.' },
          actor_role: { type: 'string', enum: REPORT_ACTORS },
          at: { type: 'string', format: 'date-time' },
        }),
      },
    },
    'A local issue report with its public history.',
  ),
  ReportList: pageOf('Report', 'One page of reports, newest first.'),
};

const REPORT_PARAMETERS: readonly ParameterObject[] = [
  { name: 'region', in: 'query', description: 'KATO code of a region or city of republican significance (level 1): reports located in it or in its districts.', schema: { type: 'string', pattern: KATO } },
  { name: 'district', in: 'query', description: 'KATO code of a district or city (level 2): reports located in it.', schema: { type: 'string', pattern: KATO } },
  { name: 'category', in: 'query', description: 'Issue category code (see /open311/v2/services.json).', schema: { type: 'string' } },
  { name: 'status', in: 'query', description: 'Status group.', schema: { type: 'string', enum: REPORT_STATUS_GROUPS } },
  { name: 'page', in: 'query', description: 'Page number (a page past the last one is empty).', schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 } },
  { name: 'per_page', in: 'query', description: 'Reports per page.', schema: { type: 'integer', minimum: 1, maximum: MAX_PER_PAGE, default: DEFAULT_PER_PAGE } },
];

const SCHEMAS: Record<string, SchemaObject> = {
  ...PROJECT_SCHEMAS,
  ...REPORT_SCHEMAS,
  Names: closed(
    { kk: str('Kazakh.'), ru: str('Russian.'), en: str('English.') },
    'A name in the three languages of the portal.',
  ),
  Addressee: closed(
    {
      kind: { type: 'string', enum: ADDRESSEE_KINDS },
      code: strOrNull('Code of the central body (Government: GOV, or a ministry); null for a local body.'),
      local_body_id: { type: ['integer', 'null'], description: 'Identifier of the akimat or maslikhat; null for a central body.' },
      names: schemaRef('Names'),
      unit_kato: strOrNull('KATO code of the unit whose body is addressed (whose residents may sign); null for a national petition.', {
        pattern: KATO,
      }),
    },
    'Whom the petition is addressed to.',
  ),
  Signatures: closed(
    {
      valid: { type: 'integer', minimum: 0, description: 'Valid signatures (the count that meets the threshold).' },
      under_review: { type: 'integer', minimum: 0, description: 'Signatures held for an integrity review (not counted yet).' },
      counted_at: instant('When the counts were last reconciled (the counts are correct as of this time).'),
    },
    'Signature counts. Nothing about the signers is published.',
  ),
  Threshold: closed(
    {
      required: { type: ['integer', 'null'], minimum: 1, description: 'Signatures that oblige the addressee to consider the petition; fixed when it opens.' },
      rule: strOrNull('Identifier of the threshold rule applied (e.g. government, akimat-level-2).'),
      population: { type: ['integer', 'null'], minimum: 1, description: 'Population used by a percentage rule; null otherwise.' },
    },
    'The signature threshold.',
  ),
  Dates: closed(
    {
      created: { type: 'string', format: 'date-time', description: 'When the petition was written.' },
      opened: instant('When it opened for signatures.'),
      closes: instant('End of the signing window.'),
      threshold_reached: instant('When the valid signatures reached the threshold.'),
      closed: instant('When signing ended.'),
      moderated: instant('When the moderator approved or rejected it.'),
      registered: instant('When the addressee registered it for consideration.'),
      answered: instant('When the addressee answered.'),
      moderation_due: localDate('Due date of moderation'),
      consideration_due: localDate('Due date of the addressee’s answer'),
    },
    'Dates of the lifecycle (instants in UTC, RFC 3339).',
  ),
  PetitionResponse: closed(
    {
      decision: { type: 'string', enum: DECISIONS },
      text: strOrNull('The addressee’s answer.'),
      document_url: strOrNull('The signed answer document, when published.', { format: 'uri' }),
    },
    'The addressee’s answer (state answered).',
  ),
  Rejection: closed(
    {
      reason: { type: 'string', enum: REJECTION_REASON_CODES },
      topic_group: { type: ['string', 'null'], enum: [...PROHIBITED_TOPIC_CODES, null], description: 'The prohibited topic group (reason prohibited-topic).' },
      note: strOrNull('The moderator’s public explanation.'),
    },
    'Why the moderator rejected the petition (state rejected).',
  ),
  IntegrityReport: closed(
    {
      valid: { type: 'integer', minimum: 0, description: 'Signatures counted.' },
      under_review: { type: 'integer', minimum: 0, description: 'Signatures held by the integrity checks until a moderator decides (not counted).' },
      invalidated: { type: 'integer', minimum: 0, description: 'Signatures a moderator invalidated (not counted; the decision can be reversed).' },
      withdrawn: { type: 'integer', minimum: 0, description: 'Signatures withdrawn by their signers.' },
      invalidation_reasons: {
        type: 'array',
        description: 'The moderators’ reasons for the signatures invalidated now, with how many each covers, most first.',
        items: closed({ reason: str('The reason as the moderator gave it.'), signatures: { type: 'integer', minimum: 1 } }),
      },
      signals: {
        type: 'array',
        description: 'The automated checks triggered on the signatures invalidated now, with how many each.',
        items: closed({ signal: { type: 'string', enum: [...SIGNAL_NAMES] }, signatures: { type: 'integer', minimum: 1 } }),
      },
    },
    'The public integrity report of the petition: counts and aggregates only, nothing about the signers.',
  ),
  RegionCount: closed({
    region_kato: str('KATO code of the region.', { pattern: KATO }),
    names: nullable('Names'),
    valid: { type: 'integer', minimum: 1 },
  }),
  TimelineEvent: closed(
    {
      event: { type: 'string', enum: PETITION_EVENTS },
      from: { type: ['string', 'null'], enum: [...PETITION_STATES, null] },
      to: { type: 'string', enum: PETITION_STATES },
      at: { type: 'string', format: 'date-time' },
      actor_role: { type: 'string', enum: ACTOR_ROLES, description: 'The role that fired the event (never who).' },
      milestone: nullable('Milestone'),
    },
    'An event of the petition’s lifecycle.',
  ),
  Milestone: closed({
    text: str('What the addressee reports as done.'),
    progress_percent: { type: ['integer', 'null'], minimum: 0, maximum: 100 },
  }),
  Petition: closed(PETITION_PROPERTIES, 'A public petition.'),
  PetitionDetail: closed(DETAIL_PROPERTIES, 'A public petition with its signatures by region and its timeline.'),
  PetitionList: pageOf('Petition', 'One page of public petitions.', 'Petitions matching the filters (all pages).'),
  Problem: {
    type: 'object',
    description: 'Problem details (RFC 9457). title, detail and messages are in the language of lng, else Accept-Language, else Kazakh.',
    properties: {
      type: str('URI of the problem type: its description in this document.', { format: 'uri' }),
      title: str('Short, localized summary of the problem type.'),
      status: { type: 'integer', minimum: 400, maximum: 599 },
      detail: str('Localized explanation.'),
      instance: str('The request path.'),
      errors: {
        type: 'array',
        description: 'One entry per faulty parameter (empty for problems that are not about parameters).',
        items: closed({
          parameter: str('Name of the parameter.'),
          code: { type: 'string', enum: PARAM_ERROR_CODES },
          message: str('Localized message.'),
        }),
      },
    },
    required: ['type', 'title', 'status', 'detail', 'errors'],
    additionalProperties: false,
  },
  OpenApiDocument: {
    type: 'object',
    description: 'This document (its own structure is defined by the OpenAPI 3.1 specification).',
    properties: { openapi: { type: 'string', pattern: '^3\\.1\\.[0-9]+$' }, info: { type: 'object' }, paths: { type: 'object' } },
    required: ['openapi', 'info', 'paths'],
  },
};

const groups = Object.entries(STATUS_GROUPS)
  .map(([g, states]) => `${g} = ${states.join(' + ')}`)
  .join('; ');

const PARAMETERS: Record<string, ParameterObject> = {
  status: {
    name: 'status',
    in: 'query',
    description: `States and groups of states, comma-separated (their union). States: ${PUBLIC_STATES.join(', ')}. Groups: ${groups}. Default: every public state.`,
    style: 'form',
    explode: false,
    schema: { type: 'array', items: { type: 'string', enum: STATUS_VALUES }, minItems: 1 },
    example: ['open', 'answered'],
  },
  level: { name: 'level', in: 'query', description: 'Level of the addressee.', schema: { type: 'string', enum: LEVELS } },
  region: {
    name: 'region',
    in: 'query',
    description: 'KATO code of a region or city of republican significance (level 1): petitions to its bodies and to those of its districts.',
    schema: { type: 'string', pattern: KATO },
    example: '750000000',
  },
  addressee: {
    name: 'addressee',
    in: 'query',
    description: 'A kind of addressee (government, ministry, akimat, maslikhat) or the code of a central body (e.g. GOV or a ministry’s code).',
    schema: { type: 'string', pattern: '^(government|ministry|akimat|maslikhat|[A-Za-z][A-Za-z0-9_-]{0,31})$' },
  },
  q: {
    name: 'q',
    in: 'query',
    description: 'Text that the current title contains (case-insensitive). Hidden texts are never searched.',
    schema: { type: 'string', minLength: Q_MIN, maxLength: Q_MAX },
  },
  opened_after: {
    name: 'opened_after',
    in: 'query',
    description: 'Opened at or after this instant: a date (YYYY-MM-DD, from 00:00 Kazakhstan time, UTC+5) or an RFC 3339 date-time. Petitions that never opened are left out.',
    schema: { anyOf: [{ type: 'string', format: 'date' }, { type: 'string', format: 'date-time' }] },
  },
  opened_before: {
    name: 'opened_before',
    in: 'query',
    description: 'Opened before this instant (exclusive): a date (from 00:00 Kazakhstan time) or an RFC 3339 date-time. Must be later than opened_after.',
    schema: { anyOf: [{ type: 'string', format: 'date' }, { type: 'string', format: 'date-time' }] },
  },
  sort: {
    name: 'sort',
    in: 'query',
    description: 'newest: most recently opened first (a rejected petition by its moderation time); signatures: most valid signatures first; closing: open petitions first, the soonest to close first. Ties by number.',
    schema: { type: 'string', enum: SORTS, default: 'newest' },
  },
  page: { name: 'page', in: 'query', description: 'Page number (a page past the last one is empty).', schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 } },
  per_page: {
    name: 'per_page',
    in: 'query',
    description: 'Petitions per page.',
    schema: { type: 'integer', minimum: 1, maximum: MAX_PER_PAGE, default: DEFAULT_PER_PAGE },
  },
  format: {
    name: 'format',
    in: 'query',
    description: 'json or csv. Without it the Accept header decides (text/csv preferred to application/json gives CSV).',
    schema: { type: 'string', enum: FORMATS },
  },
  lng: { name: 'lng', in: 'query', description: 'Language of problem messages (before Accept-Language).', schema: { type: 'string', enum: API_LOCALES } },
  acceptLanguage: {
    name: 'Accept-Language',
    in: 'header',
    description: 'Language of problem messages: kk, ru or en (default kk). Data carry names in all three languages.',
    schema: { type: 'string' },
  },
  ifNoneMatch: {
    name: 'If-None-Match',
    in: 'header',
    description: 'ETag(s) of a representation the client holds: 304 Not Modified when it is still current.',
    schema: { type: 'string' },
  },
  projectCode: {
    name: 'code',
    in: 'path',
    required: true,
    description: 'The project’s code, e.g. NP-EDU.',
    schema: { type: 'string', pattern: PROJECT_CODE_PATTERN },
  },
  petitionRef: {
    name: 'id',
    in: 'path',
    required: true,
    description: 'The petition’s id (UUID) or public number.',
    schema: { type: 'string', pattern: '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[1-9][0-9]{0,14})$' },
  },
};

const HEADERS: Record<string, HeaderObject> = {
  ETag: { description: 'Weak entity tag of the representation. It leaves out the counted_at stamps, which the counter renews every few seconds.', required: true, schema: { type: 'string', pattern: '^W/"[A-Za-z0-9_-]+"$' } },
  'Cache-Control': { description: 'Shared caches may keep the answer for 60 s and serve it stale for 300 s more while revalidating.', required: true, schema: { type: 'string', const: CACHE_CONTROL } },
  Vary: { description: 'The answer depends on these request headers (and on the URL).', required: true, schema: { type: 'string', const: VARY } },
  Link: { description: 'RFC 8288 links to the first, previous, next and last pages.', required: true, schema: { type: 'string', examples: ['<https://dauys.kz/api/v1/petitions?page=1>; rel="first", <https://dauys.kz/api/v1/petitions?page=3>; rel="next"'] } },
  'X-Total-Count': { description: 'Petitions matching the filters (all pages).', required: true, schema: { type: 'integer', minimum: 0 } },
  'Access-Control-Allow-Origin': { description: 'Any origin may read the open data.', required: true, schema: { type: 'string', const: '*' } },
  'Content-Disposition': { description: 'CSV only: download as a file.', schema: { type: 'string', const: `attachment; filename="${CSV_FILENAME}"` } },
  'Content-Language': { description: 'Language of the problem’s texts.', required: true, schema: { type: 'string', enum: API_LOCALES } },
  Allow: { description: 'The methods the resource supports.', required: true, schema: { type: 'string', const: 'GET, HEAD, OPTIONS' } },
};

const cacheHeaders = {
  ETag: ref('headers', 'ETag'),
  'Cache-Control': ref('headers', 'Cache-Control'),
  Vary: ref('headers', 'Vary'),
  'Access-Control-Allow-Origin': ref('headers', 'Access-Control-Allow-Origin'),
};

const problemContent = (example: string) => ({ 'application/problem+json': { schema: schemaRef('Problem'), example: { title: example } } });

const RESPONSES: Record<string, ResponseObject> = {
  NotModified: { description: 'The representation named in If-None-Match is still current (no body).', headers: cacheHeaders },
  BadRequest: {
    description: 'A query parameter is unknown, repeated or invalid; errors lists each one.',
    headers: { 'Content-Language': ref('headers', 'Content-Language') },
    content: problemContent('Invalid query parameters'),
  },
  NotFound: {
    description: 'No public petition has this id or number (drafts, petitions gathering initial support, in moderation or withdrawn are not public).',
    headers: { 'Content-Language': ref('headers', 'Content-Language') },
    content: problemContent('Petition not found'),
  },
  ProjectNotFound: {
    description: 'No national project has this code.',
    headers: { 'Content-Language': ref('headers', 'Content-Language') },
    content: problemContent('Project not found'),
  },
  ReportNotFound: {
    description: 'No report has this registration number.',
    headers: { 'Content-Language': ref('headers', 'Content-Language') },
    content: problemContent('Report not found'),
  },
  MethodNotAllowed: {
    description: 'The open data is read-only: any method but GET, HEAD and OPTIONS.',
    headers: { Allow: ref('headers', 'Allow'), 'Content-Language': ref('headers', 'Content-Language') },
    content: problemContent('Method not allowed'),
  },
};

const CSV_DESCRIPTION = [
  'One row per petition, with a header row; RFC 4180 (comma-separated, CRLF, fields with a comma, quote or line break in double quotes, quotes doubled);',
  'UTF-8 with a byte order mark (for Excel). Nested fields are flattened with "_"; empty cells are nulls.',
  'Cells of the free-text columns (title, text, response_text, rejection_note) that begin with =, +, -, @, TAB or CR are prefixed with an apostrophe so that spreadsheets do not run them as formulas; the JSON carries the exact text.',
  `Columns: ${CSV_HEADER.join(', ')}.`,
].join(' ');

/** The OpenAPI document, with the server URL under the portal's public origin. */
export function openApiDocument(publicOrigin: string): OpenApiDocument {
  const origin = publicOrigin.replace(/\/+$/, '');
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Dauys open data: petitions, national projects and local issue reports',
      version: '1.0.0',
      summary: 'Public petitions (JSON and CSV), national projects and local issue reports (JSON) of the Dauys portal (Kazakhstan).',
      description: [
        'Read-only open data about public petitions: those open for signatures, closed, under consideration, answered, and rejected with their public reason.',
        'Drafts, petitions gathering initial support, petitions in moderation and withdrawn ones are never published.',
        'No personal data: no author, no signer, no account, IP address, device or IIN-derived value; counts only.',
        'Caching: answers may be cached by shared caches for 60 seconds (Cache-Control), carry a weak ETag and honour If-None-Match (304).',
        'CORS: any origin may read (Access-Control-Allow-Origin: *).',
        'Errors are RFC 9457 problem details (application/problem+json) in Kazakh, Russian or English (lng, then Accept-Language).',
      ].join(' '),
    },
    servers: [{ url: `${origin}/api/v1`, description: 'This portal' }],
    tags: [
      { name: 'petitions', description: 'Public petitions.' },
      { name: 'projects', description: 'National projects and the public petitions linked to them.' },
      { name: 'reports', description: 'Local issue reports and what the akimats did about them (no personal data).' },
    ],
    paths: {
      '/petitions': {
        get: {
          operationId: 'listPetitions',
          summary: 'List public petitions',
          description: 'Filters combine with AND. Pagination by page and per_page, with the total in meta, X-Total-Count and RFC 8288 Link headers.',
          tags: ['petitions'],
          parameters: [...Object.keys(PARAMETERS).filter((k) => k !== 'petitionRef' && k !== 'projectCode').map((k) => ref('parameters', k))],
          responses: {
            '200': {
              description: 'One page of public petitions.',
              headers: {
                ...cacheHeaders,
                Link: ref('headers', 'Link'),
                'X-Total-Count': ref('headers', 'X-Total-Count'),
                'Content-Disposition': ref('headers', 'Content-Disposition'),
              },
              content: {
                'application/json': { schema: schemaRef('PetitionList') },
                'text/csv': {
                  schema: { type: 'string', contentMediaType: 'text/csv', description: CSV_DESCRIPTION },
                  example: `${CSV_HEADER.join(',')}\r\n`,
                },
              },
            },
            '304': ref('responses', 'NotModified'),
            '400': ref('responses', 'BadRequest'),
            '405': ref('responses', 'MethodNotAllowed'),
          },
        },
      },
      '/petitions/{id}': {
        get: {
          operationId: 'getPetition',
          summary: 'One public petition',
          description: 'The petition with its valid signatures by region and the timeline of its events.',
          tags: ['petitions'],
          parameters: [ref('parameters', 'petitionRef'), ref('parameters', 'lng'), ref('parameters', 'acceptLanguage'), ref('parameters', 'ifNoneMatch')],
          responses: {
            '200': { description: 'The petition.', headers: cacheHeaders, content: { 'application/json': { schema: schemaRef('PetitionDetail') } } },
            '304': ref('responses', 'NotModified'),
            '400': ref('responses', 'BadRequest'),
            '404': ref('responses', 'NotFound'),
            '405': ref('responses', 'MethodNotAllowed'),
          },
        },
      },
      '/projects': {
        get: {
          operationId: 'listProjects',
          summary: 'List the national projects',
          description: 'Every national project with the number of public petitions the project office linked to it (confirmed links only) and how many of them were answered.',
          tags: ['projects'],
          parameters: [ref('parameters', 'lng'), ref('parameters', 'acceptLanguage'), ref('parameters', 'ifNoneMatch')],
          responses: {
            '200': {
              description: 'Every national project.',
              headers: { ...cacheHeaders, 'X-Total-Count': { description: 'National projects in the list.', required: true, schema: { type: 'integer', minimum: 0 } } },
              content: { 'application/json': { schema: schemaRef('ProjectList') } },
            },
            '304': ref('responses', 'NotModified'),
            '400': ref('responses', 'BadRequest'),
            '405': ref('responses', 'MethodNotAllowed'),
          },
        },
      },
      '/projects/{code}': {
        get: {
          operationId: 'getProject',
          summary: 'One national project',
          description: 'The project with its indicators (baseline, current value, target, progress), the public petitions linked to it (confirmed links only) and the report categories that concern it.',
          tags: ['projects'],
          parameters: [ref('parameters', 'projectCode'), ref('parameters', 'lng'), ref('parameters', 'acceptLanguage'), ref('parameters', 'ifNoneMatch')],
          responses: {
            '200': { description: 'The project.', headers: cacheHeaders, content: { 'application/json': { schema: schemaRef('ProjectDetail') } } },
            '304': ref('responses', 'NotModified'),
            '400': ref('responses', 'BadRequest'),
            '404': ref('responses', 'ProjectNotFound'),
            '405': ref('responses', 'MethodNotAllowed'),
          },
        },
      },
      '/reports': {
        get: {
          operationId: 'listReports',
          summary: 'List local issue reports',
          description: 'Reports of local issues, newest first. Filters combine with AND. Pagination by page and per_page, with the total in meta, X-Total-Count and RFC 8288 Link headers. The same reports as the public list on the portal; Open311 GeoReport v2 is at /open311/v2/.',
          tags: ['reports'],
          parameters: [...REPORT_PARAMETERS, ref('parameters', 'lng'), ref('parameters', 'acceptLanguage'), ref('parameters', 'ifNoneMatch')],
          responses: {
            '200': {
              description: 'One page of reports.',
              headers: { ...cacheHeaders, Link: ref('headers', 'Link'), 'X-Total-Count': ref('headers', 'X-Total-Count') },
              content: { 'application/json': { schema: schemaRef('ReportList') } },
            },
            '304': ref('responses', 'NotModified'),
            '400': ref('responses', 'BadRequest'),
            '405': ref('responses', 'MethodNotAllowed'),
          },
        },
      },
      '/reports/{number}': {
        get: {
          operationId: 'getReport',
          summary: 'One local issue report',
          description: 'The report with its photos and its public history.',
          tags: ['reports'],
          parameters: [
            { name: 'number', in: 'path', required: true, description: 'Registration number of the report.', schema: { type: 'string', pattern: REPORT_NUMBER_PATTERN } },
            ref('parameters', 'lng'),
            ref('parameters', 'acceptLanguage'),
            ref('parameters', 'ifNoneMatch'),
          ],
          responses: {
            '200': { description: 'The report.', headers: cacheHeaders, content: { 'application/json': { schema: schemaRef('ReportDetail') } } },
            '304': ref('responses', 'NotModified'),
            '400': ref('responses', 'BadRequest'),
            '404': ref('responses', 'ReportNotFound'),
            '405': ref('responses', 'MethodNotAllowed'),
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'getOpenApi',
          summary: 'This document',
          description: 'The OpenAPI 3.1 description of this API.',
          tags: ['petitions'],
          parameters: [],
          responses: {
            '200': { description: 'The OpenAPI document.', headers: cacheHeaders, content: { 'application/json': { schema: schemaRef('OpenApiDocument') } } },
            '304': ref('responses', 'NotModified'),
          },
        },
      },
    },
    components: { schemas: SCHEMAS, parameters: PARAMETERS, headers: HEADERS, responses: RESPONSES },
  };
}
