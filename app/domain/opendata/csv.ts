/**
 * A CSV writer following RFC 4180:
 * - records end with CRLF (the last one too); the first record is the header;
 * - a field is enclosed in double quotes when it contains a double quote, a comma, CR or LF, or
 *   begins or ends with white space (spreadsheets trim unquoted spaces); a double quote inside a
 *   quoted field is doubled (`"` -> `""`);
 * - null and undefined are empty fields; numbers and booleans are written as in JSON.
 * The document starts with a UTF-8 byte order mark when asked (`bom`), so that Excel reads the
 * file as UTF-8 (Kazakh and Russian letters) instead of the machine's legacy code page.
 *
 * Spreadsheet formulas: a cell whose text begins with `=`, `+`, `-`, `@`, TAB or CR may be run as
 * a formula by Excel or LibreOffice (CSV injection). `neutralizeFormula` prefixes such text with an
 * apostrophe, which spreadsheets hide and treat as "this is text"; the API applies it to the
 * free-text columns written by people (titles, texts, answers, notes), never to codes or numbers.
 */

export type CsvValue = string | number | boolean | null | undefined;

/** The UTF-8 byte order mark (U+FEFF), written first so Excel detects UTF-8. */
export const BOM = '\uFEFF';

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'string' ? value : String(value);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRecord(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** A whole CSV document: the header record, then one record per row (each as long as the header). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[], opts: { bom?: boolean } = {}): string {
  const out = [opts.bom ? BOM : '', csvRecord(header)];
  for (const [i, row] of rows.entries()) {
    if (row.length !== header.length) throw new Error(`csv row ${i} has ${row.length} fields, the header ${header.length}`);
    out.push(csvRecord(row));
  }
  return out.join('');
}

/** Text that a spreadsheet would read as a formula, made inert with a leading apostrophe. */
export function neutralizeFormula(value: string | null): string | null {
  if (value === null) return null;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
