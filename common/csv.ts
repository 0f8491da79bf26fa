/** One CSV writer for the server and the console (RFC 4180, CRLF line ends). */

export type CsvValue = string | number | boolean | null | undefined;

// A spreadsheet runs text starting with these as a formula (CSV injection); a leading
// apostrophe makes it plain text. Numbers are left alone, so -3 stays a number.
const FORMULA_START = /^[=+\-@\t\r]/;

export const csvCell = (value: CsvValue): string => {
  if (value == null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  // Semicolons too: spreadsheets set to an Indonesian locale split on them.
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const toCsv = (header: readonly string[], rows: readonly (readonly CsvValue[])[]): string =>
  [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
