// A claim → a schema.org ClaimReview record, with what Google's fact-check guidance requires and recommends:
// claimReviewed, reviewRating (alternateName, and the numeric rating where known), url, author (name and url),
// datePublished (when the review was first published, not the last re-check), and itemReviewed: a Claim with its
// author, date and appearances. What ClaimReview has no property for (example questions, tags, the review date)
// travels in our own namespace, which other tools ignore.
//
// A claim imported from a ClaimReview record keeps that record (claim.claimReview). Export gives it back as it came
// in, part by part, for every part whose claim field still reads as the record gives it: a record from outside
// comes back with its own url, author, dates, headline, language, rating, claim author and appearances, and only
// what a moderator changed since (the statement, the verdict, the claimant, the sources, …) is written anew.
import { ClaimInput, type Claim, type ClaimReviewOrigin, type ParsedClaimInput, type Source } from '../schema.js';
import { OWN_RATINGS } from '../verdicts.js';
import type { JsonObject } from './jsonLd.js';
import { readClaimReview, UNNAMED_CLAIMANT } from './readClaimReview.js';

const OWN_NAMESPACE = 'urn:factcheck-bot:';
export const CLAIMREVIEW_CONTEXT = ['https://schema.org', { fc: OWN_NAMESPACE }] as const;

export interface ClaimReviewOptions {
  /** The organisation publishing the reviews (ClaimReview.author of the claims it rated itself). */
  organisation: string;
  /** Where the reviews are published; each review without a url of its own gets base + /claims/{id}. */
  publicBaseUrl?: string | undefined;
}

/** The order of a record written from scratch (a record that came in keeps its own). */
const ORDER = [
  '@context',
  '@type',
  'url',
  'identifier',
  'claimReviewed',
  'datePublished',
  'dateModified',
  'author',
  'reviewRating',
  'itemReviewed',
  'keywords',
  'fc:questions',
  'fc:tags',
  'fc:reviewedAt',
  'fc:verdict',
];

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What a record imports as, read the way import reads it; undefined if it no longer reads. */
function asImported(record: ClaimReviewOrigin): ParsedClaimInput | undefined {
  const read = readClaimReview(record);
  if (read.problems.length) return undefined;
  const parsed = ClaimInput.safeParse(read.input);
  return parsed.success ? parsed.data : undefined;
}

/** A Person or Organization by name: the record's own when it names the same, else an Organization. */
function party(name: string, given: unknown): unknown {
  if (isObject(given) && typeof given.name === 'string' && given.name.trim() === name) return given;
  return { '@type': 'Organization', name };
}

function work(source: Source): JsonObject {
  return {
    '@type': 'CreativeWork',
    name: source.name,
    ...(source.url ? { url: source.url } : {}),
    ...(source.date ? { datePublished: source.date } : {}),
    ...(source.quote ? { text: source.quote } : {}),
  };
}

/** The rating of a record with the answer as its explanation (the first rating, when a record gave several). */
function explained(rating: unknown, answer: string): unknown {
  if (Array.isArray(rating)) {
    const [first, ...rest] = rating as unknown[];
    return isObject(first) ? [{ ...first, ratingExplanation: answer }, ...rest] : rating;
  }
  return isObject(rating) ? { ...rating, ratingExplanation: answer } : rating;
}

export function toClaimReview(claim: Claim, options: ClaimReviewOptions): JsonObject {
  const base = options.publicBaseUrl?.replace(/\/+$/, '');
  const origin = claim.claimReview;
  const imported = origin ? asImported(origin) : undefined;
  /** Whether the part of the record a claim field comes from still holds as it came in. */
  const kept = (unchanged: (was: ParsedClaimInput) => boolean) => imported !== undefined && unchanged(imported);

  const out: JsonObject = { '@context': CLAIMREVIEW_CONTEXT, '@type': 'ClaimReview' };
  if (origin && imported) {
    for (const [key, value] of Object.entries(origin)) if (key !== '@context' && key !== '@type') out[key] = structuredClone(value);
  }
  out.identifier = imported && origin?.identifier !== undefined ? origin.identifier : claim.id;
  if (!kept((was) => was.statement === claim.statement)) out.claimReviewed = claim.statement;

  const verdict = claim.verdict;
  if (!kept((was) => was.confidence === claim.confidence && same(was.verdict, verdict))) {
    out.reviewRating = {
      '@type': 'Rating',
      alternateName: verdict?.label ?? OWN_RATINGS[claim.confidence],
      ...(verdict?.ratingValue !== undefined ? { ratingValue: verdict.ratingValue } : {}),
      ...(verdict?.bestRating !== undefined ? { bestRating: verdict.bestRating } : {}),
      ...(verdict?.worstRating !== undefined ? { worstRating: verdict.worstRating } : {}),
      ratingExplanation: claim.answer,
    };
    out.author = verdict?.ratedBy
      ? party(verdict.ratedBy, origin?.author)
      : { '@type': 'Organization', name: options.organisation, ...(base ? { url: base } : {}) };
    if (verdict?.url) out.url = verdict.url;
    else delete out.url;
    out.datePublished = verdict?.ratedOn ?? claim.createdAt.slice(0, 10);
  } else if (!kept((was) => was.answer === claim.answer)) {
    out.reviewRating = explained(out.reviewRating, claim.answer);
  }
  if (out.url === undefined && base) out.url = `${base}/claims/${claim.id}`;
  // The date the review was first published: the claim's, when the record that came in gave none.
  if (out.datePublished === undefined) out.datePublished = claim.createdAt.slice(0, 10);
  if (!kept((was) => was.updatedAt === claim.updatedAt)) out.dateModified = claim.updatedAt;

  const given = isObject(origin?.itemReviewed) && imported ? origin.itemReviewed : undefined;
  const item: JsonObject = given ? structuredClone(given) : { '@type': 'Claim' };
  if (!kept((was) => was.claimant === claim.claimant)) {
    if (claim.claimant && claim.claimant !== UNNAMED_CLAIMANT) item.author = party(claim.claimant, given?.author);
    else delete item.author;
  }
  if (!kept((was) => same(was.sources, claim.sources))) {
    item.appearance = claim.sources.map(work);
    delete item.firstAppearance;
    const firstDate = claim.sources.flatMap((s) => (s.date ? [s.date] : [])).sort()[0];
    if (!given && firstDate) item.datePublished = firstDate;
  }
  out.itemReviewed = item;

  if (!kept((was) => same(was.keywords, claim.keywords))) out.keywords = claim.keywords;
  out['fc:questions'] = claim.questions;
  out['fc:tags'] = claim.tags;
  out['fc:reviewedAt'] = claim.reviewedAt;
  // A verdict the record does not say as it is (rated here, with no rater or review url of its own: the record's
  // author and url are then the exporter's) travels whole in our namespace.
  delete out['fc:verdict'];
  if (!same(verdictOf(out), claim.verdict)) out['fc:verdict'] = claim.verdict ?? null;
  return imported ? out : ordered(out);
}

/** The verdict a record imports with. */
function verdictOf(record: JsonObject): unknown {
  const parsed = ClaimInput.safeParse(readClaimReview(record).input);
  return parsed.success ? parsed.data.verdict : undefined;
}

function ordered(record: JsonObject): JsonObject {
  const rank = (key: string) => (ORDER.includes(key) ? ORDER.indexOf(key) : ORDER.length);
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => rank(a) - rank(b)));
}

/** Records as a schema.org DataFeed, the form fact-check feeds take: each record a DataFeedItem's item. */
export function toDataFeed(records: JsonObject[]): JsonObject {
  return {
    '@context': CLAIMREVIEW_CONTEXT,
    '@type': 'DataFeed',
    dataFeedElement: records.map((record) => {
      const item = { ...record };
      delete item['@context'];
      return { '@type': 'DataFeedItem', item };
    }),
  };
}
