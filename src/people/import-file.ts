// Reading an uploaded people file, CSV in any of the encodings HR systems write or an
// .xlsx workbook, as a stream of records (cells with their line number), so a large
// file is checked piece by piece and never held as objects whole.
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import chardet from 'chardet';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { z } from 'zod';
import { AppError } from '../errors.js';

export interface FileRecord {
  /** Line in the file (CSV) or row of the sheet (xlsx) where the record starts; the header is 1. */
  line: number;
  cells: string[];
}

export const importEncodings = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'iso-8859-1'] as const;
export type ImportEncoding = (typeof importEncodings)[number];

/** How to read the file; everything left out is detected. */
export const fileOptionsSchema = z.object({
  encoding: z.enum(importEncodings).optional(),
  sheet: z.string().trim().min(1).max(100).optional(),
});
export type FileOptions = z.infer<typeof fileOptionsSchema>;

/** An uploaded file, decoded and ready to read record by record. */
export interface ImportFile {
  format: 'csv' | 'xlsx';
  encoding: ImportEncoding | null;
  delimiter: string | null;
  sheets: string[];
  sheet: string | null;
  records(maxRows: number): AsyncGenerator<FileRecord>;
}

/** Records between turns of the event loop: small enough that other requests keep answering. */
const recordsPerTurn = 1000;
const chunkChars = 64 * 1024;

/** A file with more data rows than the configured cap (413). */
export const tooManyRows = (maxRows: number) =>
  new AppError(
    'payload_too_large',
    `The file has more than ${maxRows.toLocaleString('en')} rows, the most one import takes (TWOWAY_IMPORT_MAX_ROWS). Split it into smaller files.`,
    { fields: [{ path: 'file', message: `has more than ${maxRows} rows` }] },
  );

const unreadable = (message: string) =>
  new AppError('validation_failed', message, { fields: [{ path: 'file', message }] });

/** An .xlsx workbook, by its zip signature. */
export const isXlsx = (bytes: Buffer) => bytes.length > 4 && bytes.readUInt32BE(0) === 0x504b0304;

/** Opens an upload: an .xlsx workbook (by its zip signature) or CSV text. */
export async function openImportFile(bytes: Buffer, options: FileOptions = {}): Promise<ImportFile> {
  if (isXlsx(bytes)) return openWorkbook(bytes, options.sheet);
  const { text, encoding } = decodeText(bytes, options.encoding);
  const delimiter = detectDelimiter(text);
  return {
    format: 'csv',
    encoding,
    delimiter,
    sheets: [],
    sheet: null,
    records: (maxRows) => csvRecords(text, { delimiter, maxRows }),
  };
}

const boms: [number[], ImportEncoding][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

// Control characters other than tab and line breaks, C1 controls and U+FFFD never belong in an
// HR export: finding one means the bytes were read in the wrong encoding.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what it looks for
const notClean = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/;

/**
 * The file as text: the byte-order mark decides, else strict UTF-8, else the encoding chardet
 * finds most likely among those we read. Text that does not decode cleanly is refused.
 */
export function decodeText(
  bytes: Buffer,
  requested?: ImportEncoding,
): { text: string; encoding: ImportEncoding } {
  const bom = boms.find(([mark]) => mark.every((b, i) => bytes[i] === b));
  let encoding = requested ?? bom?.[1];
  if (!encoding) {
    const utf8 = strictUtf8(bytes);
    // UTF-16 without a mark is valid UTF-8 full of NULs: the cleanliness check tells them apart.
    if (utf8 !== null && !notClean.test(utf8)) return { text: utf8, encoding: 'utf-8' };
    encoding = guessEncoding(bytes);
  }
  const start = bom && bom[1] === encoding ? bom[0].length : 0;
  const text = iconv.decode(bytes.subarray(start), encoding);
  const bad = notClean.exec(text);
  if (bad) {
    const line = text.slice(0, bad.index).split('\n').length;
    throw unreadable(
      `The file cannot be read cleanly as ${encoding} (line ${line} has a character that does not belong in text). Save it as UTF-8 CSV, or choose its encoding.`,
    );
  }
  return { text, encoding };
}

function strictUtf8(bytes: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function guessEncoding(bytes: Buffer): ImportEncoding {
  const sample = bytes.subarray(0, 1024 * 1024);
  for (const { name } of chardet.analyse(sample)) {
    const n = name.toLowerCase();
    if (n === 'utf-16le' || n === 'utf-16be') return n;
    // Western single-byte text: the two differ only in 0x80-0x9F, which Windows-1252 uses for letters and quotes.
    if (n.startsWith('iso-8859') || n.startsWith('windows-125')) {
      return sample.some((b) => b >= 0x80 && b <= 0x9f) ? 'windows-1252' : 'iso-8859-1';
    }
  }
  throw unreadable(
    'The file is neither UTF-8, UTF-16, Windows-1252 nor ISO-8859-1 text. Save it as UTF-8 CSV or .xlsx.',
  );
}

/** Comma, semicolon or tab: whichever the header line holds most of, outside quotes. */
export function detectDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const header = (end === -1 ? text : text.slice(0, end)).replace(/"[^"]*"/g, '');
  let best = ',';
  let most = 0;
  for (const d of [',', ';', '\t']) {
    const n = header.split(d).length - 1;
    if (n > most) {
      most = n;
      best = d;
    }
  }
  return best;
}

function* slices(text: string): Generator<string> {
  for (let i = 0; i < text.length; i += chunkChars) yield text.slice(i, i + chunkChars);
}

/** The file's CSV records, header first, yielding to the event loop every few hundred rows. */
export async function* csvRecords(
  text: string,
  options: { delimiter: string; maxRows: number },
): AsyncGenerator<FileRecord> {
  const parser = parse({
    bom: true,
    delimiter: options.delimiter,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  });
  const source = Readable.from(slices(text));
  source.pipe(parser);
  let count = 0;
  try {
    for await (const { info, record } of parser as AsyncIterable<{
      info: { lines: number };
      record: string[];
    }>) {
      // The header is record 0; a data row past the cap stops the read at once.
      if (count > options.maxRows) throw tooManyRows(options.maxRows);
      yield { line: info.lines, cells: record };
      if (++count % recordsPerTurn === 0) await nextTurn();
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const e = err as { lines?: number; message: string };
    throw new AppError('validation_failed', `The file is not valid CSV: ${e.message}`, {
      fields: [{ path: `row ${e.lines ?? 1}`, message: 'is not valid CSV' }],
      details: { line: e.lines ?? 1 },
    });
  } finally {
    source.destroy();
    parser.destroy();
  }
}

async function openWorkbook(bytes: Buffer, sheetName: string | undefined): Promise<ImportFile> {
  // Loaded only for a workbook: CSV imports (and their worker threads) never pay for it.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw unreadable(`The file looks like a spreadsheet but cannot be opened: ${(err as Error).message}`);
  }
  const sheets = workbook.worksheets.map((w) => w.name);
  const sheet = sheetName ? workbook.getWorksheet(sheetName) : workbook.worksheets[0];
  if (!sheet) {
    throw new AppError('validation_failed', `The workbook has no sheet "${sheetName}".`, {
      fields: [{ path: 'sheet', message: `must be one of: ${sheets.join(', ')}` }],
    });
  }
  return {
    format: 'xlsx',
    encoding: null,
    delimiter: null,
    sheets,
    sheet: sheet.name,
    records: (maxRows) => sheetRecords(sheet, maxRows),
  };
}

/** A cell as the text a CSV export would hold; dates as YYYY-MM-DD. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value).trim();
}

async function* sheetRecords(sheet: ExcelJS.Worksheet, maxRows: number): AsyncGenerator<FileRecord> {
  if (sheet.actualRowCount - 1 > maxRows) throw tooManyRows(maxRows);
  let count = 0;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (!row.hasValues) continue;
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    yield { line: r, cells };
    if (++count % recordsPerTurn === 0) await nextTurn();
  }
}
