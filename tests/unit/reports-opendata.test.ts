import { describe, expect, it } from 'vitest';
import { openApiDocument, type ParameterObject } from '../../app/domain/opendata/openapi';
import { parseReportListParams, REPORT_LIST_PARAMS } from '../../app/domain/opendata/params';

describe('open data of reports: parameters', () => {
  const doc = openApiDocument('https://dauys.kz');
  const names = (path: string) =>
    doc.paths[path]!.get.parameters.map((p) => ('$ref' in p ? doc.components.parameters[p.$ref.split('/').pop()!]! : (p as ParameterObject))).filter((p) => p.in !== 'header');

  it('documents every parameter the parser accepts, and no other', () => {
    expect(names('/reports').map((p) => p.name).sort()).toEqual([...REPORT_LIST_PARAMS].sort());
    expect(names('/reports/{number}').map((p) => p.name).sort()).toEqual(['lng', 'number']);
  });

  it('parses filters and pages, and reports each faulty parameter', () => {
    expect(parseReportListParams([['region', '710000000'], ['status', 'fixed'], ['per_page', '50'], ['category', 'roads'], ['page', '']])).toEqual({
      kind: 'ok',
      value: { region: '710000000', district: null, category: 'roads', status: 'fixed', page: 1, perPage: 50 },
    });
    const bad = parseReportListParams([['status', 'done'], ['district', '12'], ['per_page', '0'], ['page', 'x'], ['page', '2'], ['colour', 'red']]);
    expect(bad.kind).toBe('invalid');
    if (bad.kind !== 'invalid') return;
    expect(bad.errors.map((e) => [e.parameter, e.code]).sort()).toEqual(
      [
        ['colour', 'unknown-parameter'],
        ['district', 'invalid-kato'],
        ['page', 'repeated-parameter'],
        ['per_page', 'out-of-range'],
        ['status', 'not-allowed'],
      ].sort(),
    );
  });
});
