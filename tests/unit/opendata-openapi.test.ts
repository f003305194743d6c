import { describe, expect, it } from 'vitest';
import { CSV_FILENAME } from '../../app/domain/opendata/http';
import { openApiDocument, SCHEMA_KEYWORDS, type SchemaObject } from '../../app/domain/opendata/openapi';
import { DETAIL_PARAMS, LIST_PARAMS, PUBLIC_STATES } from '../../app/domain/opendata/params';
import { CSV_HEADER, toPublicPetition, type PetitionReadRow } from '../../app/domain/opendata/representation';
import { opendata } from '../../app/i18n/areas/opendata';
import { loadValidator } from '../support/openapi-validator';

// ---------------------------------------------------------------------------------------------

const doc = openApiDocument('https://dauys.kz/');

function walk(node: unknown, visit: (schema: Record<string, unknown>, path: string) => void, path = ''): void {
  if (Array.isArray(node)) node.forEach((n, i) => walk(n, visit, `${path}/${i}`));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>, path);
    for (const [k, v] of Object.entries(node)) walk(v, visit, `${path}/${k}`);
  }
}

/** Every schema object of the document: components and those inline in parameters, headers, responses. */
function allSchemas(): [string, SchemaObject][] {
  const out: [string, SchemaObject][] = [];
  const collect = (s: SchemaObject, path: string) => {
    out.push([path, s]);
    for (const [k, v] of Object.entries(s.properties ?? {})) collect(v, `${path}/properties/${k}`);
    if (s.items) collect(s.items, `${path}/items`);
    if (typeof s.additionalProperties === 'object') collect(s.additionalProperties, `${path}/additionalProperties`);
    for (const [i, v] of (s.oneOf ?? []).entries()) collect(v, `${path}/oneOf/${i}`);
    for (const [i, v] of (s.anyOf ?? []).entries()) collect(v, `${path}/anyOf/${i}`);
  };
  for (const [k, s] of Object.entries(doc.components.schemas)) collect(s, `#/components/schemas/${k}`);
  for (const [k, p] of Object.entries(doc.components.parameters)) collect(p.schema, `#/components/parameters/${k}/schema`);
  for (const [k, h] of Object.entries(doc.components.headers)) collect(h.schema, `#/components/headers/${k}/schema`);
  return out;
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with the 2020-12 dialect and the public origin in its server URL', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.jsonSchemaDialect).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(doc.servers[0]!.url).toBe('https://dauys.kz/api/v1');
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('uses only the schema keywords shared by JSON Schema 2020-12 and draft-07', () => {
    for (const [path, s] of allSchemas()) for (const k of Object.keys(s)) expect(SCHEMA_KEYWORDS.has(k), `${path}: ${k}`).toBe(true);
  });

  it('closes every object schema that lists properties (no undocumented field passes)', () => {
    // The OpenAPI document's own schema stays open: its structure is the OpenAPI specification's.
    const open = (path: string) => path.startsWith('#/components/schemas/OpenApiDocument');
    for (const [path, s] of allSchemas()) if (s.properties && !open(path)) expect(s.additionalProperties, path).toBe(false);
    // Every documented field is always present (null when empty), except a problem's optional instance.
    const optional: Record<string, string[]> = { '#/components/schemas/Problem': ['instance'] };
    for (const [path, s] of allSchemas())
      if (s.properties && !open(path)) expect([...(s.required ?? []), ...(optional[path] ?? [])].sort(), path).toEqual(Object.keys(s.properties).sort());
  });

  it('resolves every $ref', () => {
    walk(doc, (node, path) => {
      if (typeof node.$ref !== 'string') return;
      const target = node.$ref.slice(2).split('/').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], doc);
      expect(target, `${path} -> ${node.$ref}`).toBeDefined();
    });
  });

  it('documents every parameter the parser accepts, and no other', () => {
    const list = doc.paths['/petitions']!.get.parameters.map((p) => ('$ref' in p ? doc.components.parameters[p.$ref.split('/').pop()!]! : p));
    expect(list.filter((p) => p.in === 'query').map((p) => p.name).sort()).toEqual([...LIST_PARAMS].sort());
    const detail = doc.paths['/petitions/{id}']!.get.parameters.map((p) => ('$ref' in p ? doc.components.parameters[p.$ref.split('/').pop()!]! : p));
    expect(detail.filter((p) => p.in === 'query').map((p) => p.name)).toEqual([...DETAIL_PARAMS]);
    expect(detail.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(['id']);
  });

  it('describes the CSV media type with every column and the download headers', () => {
    const ok = doc.paths['/petitions']!.get.responses['200']!;
    if ('$ref' in ok) throw new Error('inline 200 expected');
    const csv = ok.content!['text/csv']!;
    for (const column of CSV_HEADER) expect(csv.schema.description).toContain(column);
    expect(doc.components.headers['Content-Disposition']!.schema.const).toBe(`attachment; filename="${CSV_FILENAME}"`);
    expect(Object.keys(ok.headers!)).toEqual(expect.arrayContaining(['ETag', 'Cache-Control', 'Vary', 'Link', 'X-Total-Count', 'Access-Control-Allow-Origin']));
  });

  it('lists the public states and no other', () => {
    expect(doc.components.schemas.Petition!.properties!.state!.enum).toEqual(PUBLIC_STATES);
  });

  it('has a problem response for 400, 404 and 405 in application/problem+json', () => {
    for (const name of ['BadRequest', 'NotFound', 'MethodNotAllowed']) expect(doc.components.responses[name]!.content!['application/problem+json']!.schema.$ref).toBe('#/components/schemas/Problem');
  });

  it('validates representations built by the serializer, and refuses an extra personal field', async () => {
    const v = await loadValidator(doc);
    const row: PetitionReadRow = {
      id: '0d6b1a52-3a43-4c55-9b3f-2f1b2c3d4e5f',
      number: 1,
      state: 'rejected',
      topic: 'other',
      addresseeKind: 'government',
      addresseeBodyCode: 'GOV',
      addresseeLocalBodyId: null,
      addresseeNameKk: 'Үкімет',
      addresseeNameRu: 'Правительство',
      addresseeNameEn: 'Government',
      unitKato: null,
      unitLevel: null,
      unitParentKato: null,
      title: 'A title long enough',
      body: 'b'.repeat(60),
      textHash: 'c'.repeat(64),
      version: 1,
      valid: 0,
      underReview: 0,
      countedAt: new Date(),
      thresholdRequired: null,
      thresholdRule: null,
      thresholdPopulation: null,
      createdAt: new Date(),
      openedAt: null,
      closesAt: null,
      thresholdReachedAt: null,
      closedAt: null,
      registeredAt: null,
      answeredAt: null,
      moderatedAt: new Date(),
      moderationDueOn: '2026-02-02',
      considerationDueOn: null,
      decision: null,
      responseText: null,
      responseDocumentUrl: null,
      rejectionReason: 'offensive',
      rejectionTopicGroup: null,
      rejectionNote: 'Insults a group of people.',
    };
    const petition = v.schema('Petition');
    const hidden = toPublicPetition(row, 'https://dauys.kz');
    expect(hidden).toMatchObject({ title: null, text: null, text_hash: null, text_hidden: true });
    expect(petition(hidden), JSON.stringify(petition.errors)).toBe(true);
    const shown = toPublicPetition({ ...row, rejectionReason: 'prohibited-topic', rejectionTopicGroup: 'language' }, 'https://dauys.kz');
    expect(petition(shown), JSON.stringify(petition.errors)).toBe(true);
    expect(petition({ ...shown, author: 'Айгерим Н.' })).toBe(false);
    expect(petition({ ...shown, signatures: { ...shown.signatures, signer_key: 'x' } })).toBe(false);
    expect(petition({ ...shown, state: 'draft' })).toBe(false);
    expect(petition({ ...shown, rejection: { reason: 'prohibited-topic', topic_group: 'not-a-group', note: null } })).toBe(false);
    expect(v.schema('Problem')({ type: 'https://dauys.kz/x', title: 't', status: 400, detail: 'd', errors: [{ parameter: 'page', code: 'out-of-range', message: 'm' }] })).toBe(true);
    expect(v.schema('Problem')({ type: 'https://dauys.kz/x', title: 't', status: 400, detail: 'd', errors: [{ parameter: 'page', code: 'nope', message: 'm' }] })).toBe(false);
  });
});

describe('the opendata strings', () => {
  // Checked here until the area is registered in app/i18n/areas/index.ts.
  type Tree = { [k: string]: string | Tree };
  const leaves = (tree: Tree, prefix = ''): Map<string, string> => {
    const out = new Map<string, string>();
    for (const [k, v] of Object.entries(tree)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (typeof v === 'string') out.set(key, v);
      else for (const [a, b] of leaves(v, key)) out.set(a, b);
    }
    return out;
  };
  const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
  const en = leaves(opendata.en as unknown as Tree);
  const ru = leaves(opendata.ru as unknown as Tree);
  const kk = leaves(opendata.kk as unknown as Tree);

  it('has the same keys in kk, ru and en, translated, with the same placeholders', () => {
    expect([...ru.keys()].sort()).toEqual([...en.keys()].sort());
    expect([...kk.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [k, v] of en) {
      expect(ru.get(k), `ru:${k}`).not.toBe(v);
      expect(kk.get(k), `kk:${k}`).not.toBe(v);
      expect(placeholders(ru.get(k)!), `ru:${k}`).toEqual(placeholders(v));
      expect(placeholders(kk.get(k)!), `kk:${k}`).toEqual(placeholders(v));
    }
  });

  it('writes Kazakh in Kazakh and Russian in Cyrillic', () => {
    const kazakh = /[әғқңөұүһі]/i;
    const withKazakhLetters = [...kk.values()].filter((s) => kazakh.test(s)).length;
    expect(withKazakhLetters / kk.size).toBeGreaterThan(0.7);
    for (const [k, v] of ru) expect(/[а-яё]/i.test(v), `ru:${k}`).toBe(true);
  });
});
