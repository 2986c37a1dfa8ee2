// Claim files (a JSON array of claims, as `claims export` writes them): read, parsed and checked with zod.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { ValidationError } from '../knowledge/errors.js';
import { ClaimFile, describeIssues, type Claim } from '../knowledge/schema.js';
import { validateClaimRecords } from '../knowledge/store/claimStore.js';
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
    throw new UsageError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = ClaimFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`${path}: ${issue.code === 'invalid_type' ? 'must be a JSON array of claims' : describeIssues(parsed.error)[0]}`);
  }
  return parsed.data;
}

/** The records of a claim file, every one checked against the schema; all problems are reported at once. */
export function checkClaimFile(path: string): unknown[] {
  const records = readClaimFile(path);
  const { issues } = validateClaimRecords(records);
  if (issues.length) throw new ValidationError(issues);
  return records;
}

/** The issues of a file, each line naming the file, and a last line counting them (`…: 2 problems; nothing imported`). */
export function fileProblems(path: string, error: ValidationError, outcome?: string): ValidationError {
  const n = error.issues.length;
  return new ValidationError([...error.issues.map((i) => `${path}: ${i}`), `${path}: ${n} problem${n === 1 ? '' : 's'}${outcome ? `; ${outcome}` : ''}`]);
}

/** Writes claims as a claim file; the file appears whole or not at all. */
export function writeClaimFile(path: string, claims: Claim[]): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, serializeClaims(claims));
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new UsageError(`--out: cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

export function serializeClaims(claims: Claim[]): string {
  return `${JSON.stringify(claims, null, 2)}\n`;
}
