import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOM, csvField, csvRecord, neutralizeFormula, toCsv, type CsvValue } from '../../app/domain/opendata/csv';
import { CSV_COLUMNS, CSV_HEADER, csvRow, toPublicPetition, type PetitionReadRow } from '../../app/domain/opendata/representation';

/**
 * A strict RFC 4180 reader, written independently of the writer: records end with CRLF, a quoted
 * field may hold anything (quotes doubled), an unquoted field holds no quote, comma, CR or LF.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let i = 0;
  while (i < text.length) {
    const record: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) throw new Error('unterminated quoted field');
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
            } else {
              i++;
              break;
            }
          } else field += text[i++];
        }
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
          if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`);
          field += text[i++];
        }
      }
      record.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text.slice(i, i + 2) !== '\r\n') throw new Error(`expected CRLF at ${i}`);
      i += 2;
      break;
    }
    records.push(record);
  }
  return records;
}

describe('csvField', () => {
  it.each<[CsvValue, string]>([
    ['plain', 'plain'],
    ['Алматы', 'Алматы'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rhere', '"cr\rhere"'],
    ['crlf\r\nhere', '"crlf\r\nhere"'],
    [' padded ', '" padded "'],
    ['', ''],
    [null, ''],
    [undefined, ''],
    [0, '0'],
    [50000, '50000'],
    [true, 'true'],
    [false, 'false'],
  ])('%j -> %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('ends every record with CRLF', () => {
    expect(csvRecord(['a', 'b,c', null])).toBe('a,"b,c",\r\n');
  });
});

describe('toCsv', () => {
  it('starts with the UTF-8 byte order mark only when asked, then the header', () => {
    const withBom = toCsv(['x', 'y'], [['1', 'два']], { bom: true });
    expect(withBom.startsWith(BOM)).toBe(true);
    expect(Buffer.from(withBom, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(withBom.slice(1)).toBe('x,y\r\n1,два\r\n');
    expect(toCsv(['x'], [])).toBe('x\r\n');
  });

  it('refuses a row that does not match the header', () => {
    expect(() => toCsv(['a', 'b'], [['1']])).toThrow(/row 0/);
  });

  it('round-trips any strings through an independent RFC 4180 reader', () => {
    const cell = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('"', ',', '\r\n', '\n', '\r', ' ', '""', 'Қазақстан, "Алматы"'));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(fc.array(cell, { minLength: n, maxLength: n }), fc.array(fc.array(cell, { minLength: n, maxLength: n }), { maxLength: 8 }))), ([header, rows]) => {
        const text = toCsv(header, rows, { bom: true });
        expect(text.startsWith(BOM)).toBe(true);
        expect(parseCsv(text.slice(1))).toEqual([header, ...rows]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('neutralizeFormula', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+7 701', `'+7 701`],
    ['-1', `'-1`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcmd', `'\tcmd`],
    ['\rcmd', `'\rcmd`],
    ['Жол жөндеу', 'Жол жөндеу'],
    ['a=b', 'a=b'],
  ])('%j -> %j', (value, expected) => {
    expect(neutralizeFormula(value)).toBe(expected);
  });
  it('keeps null', () => expect(neutralizeFormula(null)).toBeNull());
});

describe('petition rows', () => {
  const row: PetitionReadRow = {
    id: '0d6b1a52-3a43-4c55-9b3f-2f1b2c3d4e5f',
    number: 7,
    state: 'answered',
    topic: 'roads',
    addresseeKind: 'akimat',
    addresseeBodyCode: null,
    addresseeLocalBodyId: 12,
    addresseeNameKk: 'Алматы қаласының әкімдігі',
    addresseeNameRu: 'Акимат города Алматы',
    addresseeNameEn: 'Akimat of Almaty',
    unitKato: '750000000',
    unitLevel: 1,
    unitParentKato: null,
    title: '=cmd|"/c calc"!A1, and more',
    body: 'Line one,\r\nline "two"',
    textHash: 'a'.repeat(64),
    version: 2,
    valid: 12,
    underReview: 1,
    countedAt: new Date('2026-03-01T10:00:00Z'),
    thresholdRequired: 22000,
    thresholdRule: 'akimat-level-1',
    thresholdPopulation: 2_200_000,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    openedAt: new Date('2026-01-10T00:00:00Z'),
    closesAt: new Date('2026-07-10T00:00:00Z'),
    thresholdReachedAt: null,
    closedAt: null,
    registeredAt: null,
    answeredAt: new Date('2026-04-01T00:00:00Z'),
    moderatedAt: new Date('2026-01-10T00:00:00Z'),
    moderationDueOn: '2026-01-30',
    considerationDueOn: '2026-05-01',
    decision: 'accepted',
    responseText: '-the answer',
    responseDocumentUrl: null,
    rejectionReason: null,
    rejectionTopicGroup: null,
    rejectionNote: null,
  };

  it('has one value per column and reads back through the reader', () => {
    const p = toPublicPetition(row, 'https://dauys.kz');
    const values = csvRow(p);
    expect(values).toHaveLength(CSV_HEADER.length);
    expect(new Set(CSV_HEADER).size).toBe(CSV_COLUMNS.length);
    const [header, record] = parseCsv(toCsv(CSV_HEADER, [values], { bom: true }).slice(1));
    const cell = (name: string) => record![header!.indexOf(name)];
    expect(cell('title')).toBe(`'=cmd|"/c calc"!A1, and more`);
    expect(cell('text')).toBe('Line one,\r\nline "two"');
    expect(cell('response_text')).toBe(`'-the answer`);
    expect(cell('addressee_name_kk')).toBe('Алматы қаласының әкімдігі');
    expect(cell('signatures_valid')).toBe('12');
    expect(cell('rejection_reason')).toBe('');
    expect(cell('url')).toBe('https://dauys.kz/petitions/0d6b1a52-3a43-4c55-9b3f-2f1b2c3d4e5f');
  });
});
