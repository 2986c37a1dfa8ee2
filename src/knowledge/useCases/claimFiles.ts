// Claim files, both ways: the records of a file checked (our claim records, or schema.org ClaimReview mapped to
// them), and a scope's claims as the records an export writes.
import { ValidationError } from '../errors.js';
import { claimReviewFieldName, claimReviewLabel, readClaimReviews, toClaimReview, type ClaimReviewOptions } from '../interchange/claimReview.js';
import type { ClaimFormat } from '../schema.js';
import { validateClaimRecords } from '../store/claimStore.js';
import type { Stores } from './stores.js';

/**
 * The claim records of a file, every one checked against the schema, all problems reported at once (a
 * ValidationError, one line each). ClaimReview records are mapped to claims first, all or nothing: a rating that
 * cannot be mapped is refused, naming the rating.
 */
export function readClaimRecords(raw: unknown[], format: ClaimFormat): unknown[] {
  if (format === 'json') {
    const { issues } = validateClaimRecords(raw);
    if (issues.length) throw new ValidationError(issues);
    return raw;
  }
  // Every problem at once: the records that could not be mapped, and the mapped ones the claim schema refuses, each
  // naming the record and the field as the file has them (datePublished, not reviewedAt).
  const { mapped, issues } = readClaimReviews(raw);
  const records = mapped.map((m) => m.input);
  const label = (i: number, id: string | undefined) => claimReviewLabel(mapped[i]!.index, id);
  const checked = validateClaimRecords(records, { label, fieldName: claimReviewFieldName });
  const all = [...issues, ...checked.issues];
  if (all.length) throw new ValidationError(all);
  return records;
}

/**
 * What an export writes. `json`: every claim of the scope, retired ones included, every field, so the file imports
 * back unchanged. `claimreview`: a ClaimReview record for each active claim (a retired claim is no longer a
 * published review), sorted by id.
 */
export function exportClaims(stores: Stores, guildId: string | null, format: ClaimFormat, options: ClaimReviewOptions): object[] {
  if (format === 'json') return stores.claims.list(guildId, true);
  return stores.claims
    .list(guildId)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((claim) => toClaimReview(claim, options));
}
