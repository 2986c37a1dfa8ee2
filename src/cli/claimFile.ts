// Claim files (a JSON array of claims, as `claims export` writes them, or schema.org ClaimReview records with
// `--format claimreview`): read, parsed and checked with zod.
import { lstatSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { z } from 'zod';
import { CLAIM_FORMATS, looksLikeJsonLd, printable, readClaimRecords, ValidationError, type ClaimRecords } from '../knowledge/index.js';
import { UsageError } from './run.js';

/** The parsed JSON of a file; a missing file, a file that is not UTF-8 or bad JSON is a UsageError. */
export function readJsonFile(path: string): unknown {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${path}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? (error as Error).message})`}`);
  }
  const text = utf8Text(path, bytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // V8 quotes the text around the error, which may hold line breaks and control characters.
    throw new UsageError(`${path}: not valid JSON (${printable((error as Error).message, 120)})`);
  }
  return json;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * A file's bytes as text: UTF-8, with or without the byte order mark some editors write. Anything else (Latin-1,
 * Windows-1252, UTF-16) is refused, naming the first line that is not UTF-8: read as UTF-8 it would be imported
 * with its accented letters replaced by "�".
 */
function utf8Text(path: string, bytes: Buffer): string {
  const body = bytes.subarray(0, BOM.length).equals(BOM) ? bytes.subarray(BOM.length) : bytes;
  if (!isUtf8(body)) {
    const line = body.toString('utf8').split('\uFFFD', 1)[0]!.split('\n').length;
    throw new UsageError(`${path}: not UTF-8 text (line ${line}); save it as UTF-8 and try again`);
  }
  return body.toString('utf8');
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

/**
 * Writes an export (claims, ClaimReview records, a DataFeed) as a JSON file. A new or regular file appears whole or
 * not at all (written beside it, then renamed over it); through a symbolic link, the file the link points to is
 * written, and the link stays. Something that is not a file (`/dev/stdout`, a pipe) is written to as it is, never
 * replaced.
 */
export function writeClaimFile(path: string, records: unknown): void {
  const text = serializeClaims(records);
  let target = path;
  try {
    const link = lstatSync(path, { throwIfNoEntry: false });
    if (link && (link.isSymbolicLink() || !link.isFile())) {
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat || !stat.isFile()) {
        // A device, a pipe, or a link to one (or to a file not there yet): written through, as a shell's `>` would.
        writeFileSync(path, text);
        return;
      }
      target = realpathSync(path);
    }
  } catch (error) {
    throw new UsageError(`--out: cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new UsageError(`--out: cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

export function serializeClaims(records: unknown): string {
  return `${JSON.stringify(records, null, 2)}\n`;
}
