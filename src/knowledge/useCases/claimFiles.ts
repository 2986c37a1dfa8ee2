// Claim files, both ways: the records of a file checked (our claim records, or schema.org ClaimReview mapped to
// them), and a scope's claims as the records an export writes.
import { ValidationError } from '../errors.js';
import { readClaimReviewFile, toClaimReview, toDataFeed, type ClaimReviewOptions } from '../interchange/claimReview.js';
import { ClaimFile, type ClaimFormat } from '../schema.js';
import { claimRecordNaming, validateClaimRecords, type RecordNaming } from '../store/claimStore.js';
import type { Stores } from './stores.js';

/** The records of a file, checked, with how problem lines name them (as the file does); what an import takes. */
export interface ClaimRecords {
  readonly records: unknown[];
  readonly naming: RecordNaming;
  /** ClaimReview files: the nodes of other types passed over (a page's WebPage, Organization, …), by type. */
  readonly ignored: ReadonlyMap<string, number>;
}

/**
 * The claim records of a parsed file, every one checked against the schema, all problems reported at once (a
 * ValidationError, one line each). `json`: a JSON array of our claim records. `claimreview` (or `datafeed`):
 * schema.org ClaimReview in any shape fact-checkers publish, each record mapped to a claim, all or nothing.
 */
export function readClaimRecords(content: unknown, format: ClaimFormat): ClaimRecords {
  let records: unknown[];
  let naming: RecordNaming;
  let ignored: ReadonlyMap<string, number> = new Map();
  if (format === 'json') {
    const file = ClaimFile.safeParse(content);
    if (!file.success) {
      const issue = file.error.issues[0]!;
      throw new ValidationError([issue.code === 'invalid_type' ? 'must be a JSON array of claims' : issue.message]);
    }
    records = file.data;
    naming = claimRecordNaming(records);
  } else {
    const read = readClaimReviewFile(content);
    ({ inputs: records, naming, ignored } = read);
    if (read.unmapped.size) {
      // Every problem at once, in file order: a record that could not be mapped, or what the claim schema refuses
      // in one that could (each naming the file's own field).
      const names = naming;
      const issues = records.flatMap((record, index) => {
        const one: RecordNaming = { label: () => names.label(index), field: (_, path) => names.field(index, path) };
        return read.unmapped.get(index) ?? validateClaimRecords([record], one).issues;
      });
      throw new ValidationError(issues);
    }
  }
  const { issues } = validateClaimRecords(records, naming);
  if (issues.length) throw new ValidationError(issues);
  return { records, naming, ignored };
}

/** What an export writes (`content`), how many records it holds, and how many lack a url Google requires. */
export interface ExportedFile {
  content: object[] | object;
  count: number;
  /** ClaimReview records without a url: claims of our own when no public base URL is set. */
  withoutUrl: number;
}

/**
 * What an export writes. `json`: every claim of the scope, retired ones included, every field, so the file imports
 * back unchanged. `claimreview`: a ClaimReview record for each active claim (a retired claim is no longer a
 * published review), sorted by id, as a JSON array; `datafeed`: the same records as a schema.org DataFeed.
 */
export async function exportClaims(stores: Stores, guildId: string | null, format: ClaimFormat, options: ClaimReviewOptions): Promise<ExportedFile> {
  if (format === 'json') {
    const claims = await stores.claims.list(guildId, true);
    return { content: claims, count: claims.length, withoutUrl: 0 };
  }
  const records = (await stores.claims.list(guildId))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((claim) => toClaimReview(claim, options));
  const withoutUrl = records.filter((r) => typeof r.url !== 'string').length;
  return { content: format === 'datafeed' ? toDataFeed(records) : records, count: records.length, withoutUrl };
}
