// schema.org ClaimReview (JSON-LD), the fact-checking interchange format, to and from our claim records.
// The round trip is lossless for our fields: what ClaimReview has no property for (example questions, tags, the
// source quote) travels in properties of our own namespace, which other tools ignore.
import { z } from 'zod';
import { ValidationError } from '../errors.js';
import { ClaimId, Confidence, describeIssues, type Claim, type ClaimInput, type FieldNames } from '../schema.js';
import { printable } from '../text.js';

const OWN_NAMESPACE = 'urn:factcheck-bot:';
export const CLAIMREVIEW_CONTEXT = ['https://schema.org', { fc: OWN_NAMESPACE }] as const;

const RATING_NAMES: Record<Claim['confidence'], string> = { confirmed: 'Confirmed', alleged: 'Alleged' };

export interface ClaimReviewOptions {
  /** The organisation publishing the reviews (ClaimReview.author). */
  organisation: string;
  /** Public base URL; when set each review gets `url` = base + /claims/{id}. */
  publicBaseUrl?: string | undefined;
}

export function toClaimReview(claim: Claim, options: ClaimReviewOptions) {
  const base = options.publicBaseUrl?.replace(/\/+$/, '');
  return {
    '@context': CLAIMREVIEW_CONTEXT,
    '@type': 'ClaimReview',
    ...(base ? { url: `${base}/claims/${claim.id}` } : {}),
    identifier: claim.id,
    claimReviewed: claim.statement,
    datePublished: claim.reviewedAt.slice(0, 10),
    dateModified: claim.updatedAt,
    author: { '@type': 'Organization', name: options.organisation },
    reviewRating: {
      '@type': 'Rating',
      alternateName: RATING_NAMES[claim.confidence],
      ratingExplanation: claim.answer,
    },
    itemReviewed: {
      '@type': 'Claim',
      ...(claim.claimant ? { author: { '@type': 'Organization', name: claim.claimant } } : {}),
      appearance: claim.sources.map((s) => ({
        '@type': 'CreativeWork',
        name: s.name,
        ...(s.url ? { url: s.url } : {}),
        ...(s.date ? { datePublished: s.date } : {}),
        ...(s.quote ? { text: s.quote } : {}),
      })),
    },
    keywords: claim.keywords,
    'fc:questions': claim.questions,
    'fc:tags': claim.tags,
    'fc:reviewedAt': claim.reviewedAt,
  };
}

const Named = z.object({ name: z.string() }).loose();
const Appearance = z
  .object({ name: z.string().optional(), url: z.string().optional(), datePublished: z.string().optional(), text: z.string().optional() })
  .loose();

/** What we read back: ClaimReview's own fields plus ours; anything else a record carries is ignored. */
const ClaimReviewRecord = z
  .object({
    '@type': z.literal('ClaimReview', { message: 'must be "ClaimReview"' }),
    identifier: ClaimId.optional(),
    claimReviewed: z.string(),
    reviewRating: z.object({ alternateName: z.string(), ratingExplanation: z.string().optional() }).loose(),
    itemReviewed: z
      .object({ author: z.union([Named, z.array(Named)]).optional(), appearance: z.union([Appearance, z.array(Appearance)]).optional() })
      .loose()
      .optional(),
    keywords: z.union([z.array(z.string()), z.string()]).optional(),
    'fc:questions': z.array(z.string()).optional(),
    'fc:tags': z.array(z.string()).optional(),
    'fc:reviewedAt': z.string().optional(),
    datePublished: z.string().optional(),
    dateModified: z.string().optional(),
  })
  .loose();

/** Our confidence for a ClaimReview rating name, or null when it cannot be mapped. */
export function confidenceForRating(name: string): Confidence | null {
  const key = name.trim().toLowerCase();
  const match = (Object.entries(RATING_NAMES) as Array<[Confidence, string]>).find(([, label]) => label.toLowerCase() === key);
  return match ? match[0] : null;
}

/** An ISO date-time with an offset, as the claim schema keeps them; anything else (a bare date) is not carried over. */
const isoDateTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();
const dateTime = (v: string | undefined) => (v !== undefined && isoDateTime.safeParse(v).success ? v : undefined);

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * ClaimReview records → claim inputs, all or nothing: every record that cannot be read is reported (a rating we
 * cannot map is named), and the claim schema then checks the result as for any import.
 */
export function fromClaimReviews(records: unknown[]): ClaimInput[] {
  const { mapped, issues } = readClaimReviews(records);
  if (issues.length) throw new ValidationError(issues);
  return mapped.map((m) => m.input);
}

/** Each ClaimReview record mapped to a claim input (with its index in the file), and every record that could not be. */
export function readClaimReviews(records: unknown[]): { mapped: Array<{ index: number; input: ClaimInput }>; issues: string[] } {
  const issues: string[] = [];
  const mapped: Array<{ index: number; input: ClaimInput }> = [];
  records.forEach((raw, index) => {
    const parsed = ClaimReviewRecord.safeParse(raw);
    if (!parsed.success) {
      issues.push(...describeIssues(parsed.error, `record ${index}`));
      return;
    }
    const r = parsed.data;
    const label = `record ${index}${r.identifier ? ` (${r.identifier})` : ''}`;
    const confidence = confidenceForRating(r.reviewRating.alternateName);
    if (!confidence) {
      // The rating is the file's text: quoted on one line, bounded (a name with line breaks could forge a line).
      const rating = printable(r.reviewRating.alternateName, 60);
      issues.push(`${label}: reviewRating.alternateName: rating "${rating}" cannot be mapped to Confirmed or Alleged`);
      return;
    }
    if (r.datePublished !== undefined && !isoDate.safeParse(r.datePublished.slice(0, 10)).success) {
      issues.push(`${label}: datePublished: must be a date as YYYY-MM-DD`);
      return;
    }
    const claimant = asArray(r.itemReviewed?.author)[0]?.name;
    const reviewedAt = dateTime(r['fc:reviewedAt']) ?? (r.datePublished ? `${r.datePublished.slice(0, 10)}T00:00:00.000Z` : undefined);
    const updatedAt = dateTime(r.dateModified);
    const input: ClaimInput = {
      ...(r.identifier ? { id: r.identifier } : {}),
      statement: r.claimReviewed,
      answer: r.reviewRating.ratingExplanation ?? r.claimReviewed,
      confidence,
      ...(claimant ? { claimant } : {}),
      sources: asArray(r.itemReviewed?.appearance).map((a) => ({
        name: a.name ?? a.url ?? 'Unnamed source',
        ...(a.url ? { url: a.url } : {}),
        ...(a.datePublished ? { date: a.datePublished.slice(0, 10) } : {}),
        ...(a.text ? { quote: a.text } : {}),
      })),
      questions: r['fc:questions'] ?? [],
      keywords:
        typeof r.keywords === 'string'
          ? r.keywords
              .split(',')
              .map((k) => k.trim())
              .filter(Boolean)
          : (r.keywords ?? []),
      tags: r['fc:tags'] ?? [],
      ...(reviewedAt ? { reviewedAt } : {}),
      ...(updatedAt ? { updatedAt } : {}),
    };
    mapped.push({ index, input });
  });
  return { mapped, issues };
}

/** Where each field of ours comes from in a ClaimReview record, so a problem names the file's own field. */
const CLAIMREVIEW_FIELDS: Record<string, string> = {
  id: 'identifier',
  statement: 'claimReviewed',
  answer: 'reviewRating.ratingExplanation',
  confidence: 'reviewRating.alternateName',
  claimant: 'itemReviewed.author.name',
  sources: 'itemReviewed.appearance',
  questions: 'fc:questions',
  keywords: 'keywords',
  tags: 'fc:tags',
  reviewedAt: 'datePublished',
  updatedAt: 'dateModified',
};
const APPEARANCE_FIELDS: Record<string, string> = { name: 'name', url: 'url', date: 'datePublished', quote: 'text' };

/** A claim field's path (`sources.2.date`) as the ClaimReview record has it (`itemReviewed.appearance.2.datePublished`). */
export const claimReviewFieldName: FieldNames = (path) => {
  const [field, index, sub] = path.map(String);
  const named = CLAIMREVIEW_FIELDS[field ?? ''] ?? path.join('.');
  if (field === 'sources' && index !== undefined) return [named, index, ...(sub ? [APPEARANCE_FIELDS[sub] ?? sub] : [])].join('.');
  return index === undefined ? named : `${named}.${[index, sub].filter((p) => p !== undefined).join('.')}`;
};

/** How a problem names a ClaimReview record: `record 3 (its identifier)`. */
export const claimReviewLabel = (index: number, id: string | undefined) => `record ${index}${id ? ` (${id})` : ''}`;
