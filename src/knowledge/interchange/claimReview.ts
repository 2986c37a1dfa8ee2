// schema.org ClaimReview (JSON-LD), the fact-checking interchange format, to and from our claims. Reading takes a
// file in any shape fact-checkers publish (jsonLd.ts), each ClaimReview record to a claim input
// (readClaimReview.ts); writing gives each claim back as a record (writeClaimReview.ts), as a JSON array or a
// DataFeed.
import { ValidationError } from '../errors.js';
import { FILE_RECORDS_MAX } from '../schema.js';
import type { RecordNaming } from '../store/claimStore.js';
import { printable, shorten } from '../text.js';
import { describeIgnored, findClaimReviews } from './jsonLd.js';
import { readClaimReview, type ReadReview } from './readClaimReview.js';

export { CLAIMREVIEW_CONTEXT, toClaimReview, toDataFeed, type ClaimReviewOptions } from './writeClaimReview.js';

export interface ClaimReviewRecords {
  /** The claim input of each ClaimReview record, in file order (checked by the claim schema on import). */
  inputs: unknown[];
  /** Names each record by its index, where it was and its claim, and each field as the file does. */
  naming: RecordNaming;
  /** Nodes of other types that were passed over (a page's WebPage, Organization, …), by type. */
  ignored: ReadonlyMap<string, number>;
  /**
   * The records that could not be mapped to claims (by index), each with its problem lines: the caller reports them
   * together with what the claim schema finds in the others, so that every problem of a file is told at once.
   */
  unmapped: ReadonlyMap<number, string[]>;
}

const FIX_FORMAT = 'a claim file? import it without --format claimreview';

/** Whether parsed JSON looks like JSON-LD (schema.org) rather than our claim records. */
export function looksLikeJsonLd(content: unknown): boolean {
  const marked = (v: unknown) => typeof v === 'object' && v !== null && ('@type' in v || '@context' in v || '@graph' in v);
  return Array.isArray(content) ? content.some(marked) : marked(content);
}

/**
 * The ClaimReview records of a file as claim inputs, all or nothing: a record that cannot be read, or an element
 * that is no record, is one problem line each (a ValidationError), naming the record and the field as the file does.
 */
export function readClaimReviewFile(content: unknown): ClaimReviewRecords {
  const found = findClaimReviews(content);
  if (found.reviews.length > FILE_RECORDS_MAX) throw new ValidationError([`at most ${FILE_RECORDS_MAX} ClaimReview records in one file`]);
  const element = (at: string) => (at ? `element ${at}` : 'the file');
  if (!found.reviews.length) {
    const untyped = found.problems.length;
    const others = found.ignored.size ? ` (it holds ${describeIgnored(found.ignored)})` : '';
    throw new ValidationError([
      untyped
        ? `no ClaimReview record: ${untyped === 1 ? element(found.problems[0]!.at) : `${untyped} elements`} without @type (${FIX_FORMAT})`
        : `no ClaimReview record${others}`,
    ]);
  }
  const problems = found.problems.map((p) => `${element(p.at)}: ${p.message} (${FIX_FORMAT})`);
  const reads: ReadReview[] = [];
  const labels: string[] = [];
  const unmapped = new Map<number, string[]>();
  found.reviews.forEach(({ node, at }, index) => {
    const claim = typeof node.claimReviewed === 'string' ? ` "${printable(shorten(node.claimReviewed.trim(), 40), 41)}"` : '';
    const label = `record ${index}${at && at !== String(index) ? ` (${printable(at, 60)})` : ''}${claim}`;
    const read = readClaimReview(node);
    labels.push(label);
    reads.push(read);
    const lines = read.problems.map((p) => printable(`${label}: ${p.path.length ? p.path.join('.') : '(record)'}: ${p.message}`, 300));
    if (lines.length) unmapped.set(index, lines);
  });
  if (problems.length) throw new ValidationError(problems.map((line) => printable(line, 300)));
  return {
    inputs: reads.map((r) => r.input),
    naming: { label: (index) => labels[index] ?? `record ${index}`, field: (index, path) => reads[index]?.fieldOf(path) ?? path.join('.') },
    ignored: found.ignored,
    unmapped,
  };
}
