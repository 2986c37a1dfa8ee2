// Claim files (a JSON array of claims, as `claims export` writes them, or of ClaimReview records with
// `--format claimreview`): read, parsed and checked with zod.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { CLAIM_FORMATS, ClaimFile, describeIssues, printable, readClaimRecords, ValidationError, type Claim } from '../knowledge/index.js';
import { UsageError } from './run.js';

/** The records of a claim file, unchecked beyond being a JSON array; a missing file or bad JSON is a UsageError. */
export function readClaimFile(path: string): unknown[] {
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
  const parsed = ClaimFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`${path}: ${issue.code === 'invalid_type' ? 'must be a JSON array of claims' : describeIssues(parsed.error)[0]}`);
  }
  return parsed.data;
}

/** `json`: our claim records, every field; `claimreview`: schema.org ClaimReview (JSON-LD) records. */
export const FileFormat = z.enum(CLAIM_FORMATS, { message: 'must be json or claimreview' }).default('json');
export type FileFormat = z.output<typeof FileFormat>;

/**
 * The claim records of a file, every one checked against the schema; all problems are reported at once. ClaimReview
 * records are mapped to claims first, all or nothing: a rating that cannot be mapped is refused, naming the rating.
 */
export function checkClaimFile(path: string, format: FileFormat = 'json'): unknown[] {
  return readClaimRecords(readClaimFile(path), format);
}

/** The issues of a file, each line naming the file, and a last line counting them (`…: 2 problems; nothing imported`). */
export function fileProblems(path: string, error: ValidationError, outcome?: string): ValidationError {
  const n = error.issues.length;
  return new ValidationError([
    ...error.issues.map((i) => `${path}: ${i}`),
    `${path}: ${n} problem${n === 1 ? '' : 's'}${outcome ? `; ${outcome}` : ''}`,
  ]);
}

/** Writes records (claims, or ClaimReview records) as a JSON file; the file appears whole or not at all. */
export function writeClaimFile(path: string, records: object[]): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, serializeClaims(records));
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new UsageError(`--out: cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

export function serializeClaims(records: Claim[] | object[]): string {
  return `${JSON.stringify(records, null, 2)}\n`;
}
