/** One CSV writer for the server and the console (RFC 4180, CRLF line ends). */

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** `,` (RFC 4180, the API's CSV) or `;` (what Excel expects with Indonesian regional settings). */
  separator?: ',' | ';';
  /** Numbers with a decimal comma ("12,5"), as Excel reads them with Indonesian settings. */
  decimalComma?: boolean;
}

// A spreadsheet runs text starting with these as a formula (CSV injection); a leading
// apostrophe makes it plain text. Numbers are left alone, so -3 stays a number.
const FORMULA_START = /^[=+\-@\t\r]/;

export const csvCell = (value: CsvValue, options: CsvOptions = {}): string => {
  if (value == null) return '';
  let text = typeof value === 'number' && options.decimalComma ? String(value).replace('.', ',') : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  // A comma file quotes semicolons too (a spreadsheet set to Indonesian splits on them); a
  // semicolon file leaves commas bare, so "12,5" reads as a number.
  const quote = options.separator === ';' ? /[";\r\n]/ : /[",;\r\n]/;
  return quote.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const toCsv = (header: readonly string[], rows: readonly (readonly CsvValue[])[], options: CsvOptions = {}): string =>
  [header, ...rows].map((row) => row.map((cell) => csvCell(cell, options)).join(options.separator ?? ',')).join('\r\n') + '\r\n';

/**
 * A CSV that Excel opens correctly with Indonesian regional settings: `;` between cells,
 * decimal commas, and a UTF-8 byte-order mark so names like "Pelayanan Terpadu Satu Pintu —
 * Kec. Magelang Utara" keep their characters.
 */
export const toExcelCsv = (header: readonly string[], rows: readonly (readonly CsvValue[])[]): string =>
  `\ufeff${toCsv(header, rows, { separator: ';', decimalComma: true })}`;
