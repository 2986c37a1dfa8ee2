// Claim files (a JSON array of claims, as `claims export` writes them, or schema.org ClaimReview records with
// `--format claimreview`): read, parsed and checked with zod.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { CLAIM_FORMATS, looksLikeJsonLd, printable, readClaimRecords, ValidationError, type ClaimRecords } from '../knowledge/index.js';
import { UsageError } from './run.js';

/** The parsed JSON of a file; a missing file or bad JSON is a UsageError. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${path}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? (error as Error).message})`}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // V8 quotes the text around the error, which may hold line breaks and control characters.
    throw new UsageError(`${path}: not valid JSON (${printable((error as Error).message, 120)})`);
  }
  return json;
}

/**
 * `json`: our claim records, every field; `claimreview`: schema.org ClaimReview (JSON-LD) records, read in any shape
 * (a record, an array, a page's @graph, a DataFeed) and written as an array; `datafeed`: written as a DataFeed.
 */
export const FileFormat = z.enum(CLAIM_FORMATS, { message: 'must be json, claimreview or datafeed' }).default('json');
export type FileFormat = z.output<typeof FileFormat>;

/**
 * The claim records of a file, every one checked against the schema; all problems are reported at once. ClaimReview
 * records are mapped to claims first, all or nothing. A ClaimReview file read as a claim file is refused with the
 * option that reads it.
 */
export function checkClaimFile(path: string, format: FileFormat = 'json'): ClaimRecords {
  const content = readJsonFile(path);
  if (format === 'json' && looksLikeJsonLd(content)) {
    throw new UsageError(`${path}: holds schema.org JSON-LD (ClaimReview), not claim records: add --format claimreview`);
  }
  if (format === 'json' && !Array.isArray(content)) throw new UsageError(`${path}: must be a JSON array of claims`);
  return readClaimRecords(content, format);
}

/**
 * The issues of a file, each line naming the file. One problem is one line (`…: claim 2: sources.0.url: …; nothing
 * imported`); several get a last line counting them (`…: 2 problems; nothing imported`).
 */
export function fileProblems(path: string, error: ValidationError, outcome?: string): ValidationError {
  const n = error.issues.length;
  if (n === 1) return new ValidationError([`${path}: ${error.issues[0]!}${outcome ? `; ${outcome}` : ''}`]);
  return new ValidationError([...error.issues.map((i) => `${path}: ${i}`), `${path}: ${n} problems${outcome ? `; ${outcome}` : ''}`]);
}

/** Writes an export (claims, ClaimReview records, a DataFeed) as a JSON file; the file appears whole or not at all. */
export function writeClaimFile(path: string, records: unknown): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, serializeClaims(records));
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new UsageError(`--out: cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

export function serializeClaims(records: unknown): string {
  return `${JSON.stringify(records, null, 2)}\n`;
}
