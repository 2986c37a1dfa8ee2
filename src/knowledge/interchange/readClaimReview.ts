// One schema.org ClaimReview record → a claim input, with where in the record each claim field comes from, so that a
// problem names the field as the file does (`itemReviewed.appearance.1.url`, never our `sources.1.url`).
//
// | claim          | from the record |
// |----------------|-----------------|
// | statement      | claimReviewed |
// | verdict        | reviewRating (alternateName, or name; ratingValue, bestRating, worstRating), author (who rated it; else publisher), datePublished, url |
// | confidence     | the verdict's (verdicts.ts); "Confirmed" / "Alleged" are our own ratings: that confidence, no verdict |
// | claimant       | itemReviewed.author (a name, a Person or Organization, or several) |
// | answer         | reviewRating.ratingExplanation, else reviewBody, description or headline, else the verdict in words |
// | sources        | itemReviewed.firstAppearance and appearance (URLs or CreativeWorks); without any, the review itself |
// | id             | identifier (as an id: `FC-12` → `fc-12`) |
// | keywords · questions, tags, reviewedAt | keywords · fc:questions, fc:tags, fc:reviewedAt |
// | createdAt · updatedAt | datePublished · dateModified |
// | claimReview    | the whole record, as the file gave it |
//
// Text longer than a claim holds is shortened for the bot to show (the record keeps it whole, and export gives it
// back); what cannot be read (a rating with no text, a date that is no date, a URL that is no URL) is a problem.
import { z } from 'zod';
import { LIMITS, PublishedDate, slugify, type Confidence } from '../schema.js';
import { shorten } from '../text.js';
import { confidenceOfVerdict, ownRating } from '../verdicts.js';
import { nestsDeeperThan, typesOf, type JsonObject } from './jsonLd.js';

type Path = ReadonlyArray<string | number>;
export interface RecordProblem {
  path: Path;
  message: string;
}

/** What a record gives: the claim input (checked by the claim schema afterwards), and the field each part came from. */
export interface ReadReview {
  input: Record<string, unknown>;
  problems: RecordProblem[];
  /** A claim field (`sources.1.url`) as the record names it (`itemReviewed.appearance.1.url`). */
  fieldOf(path: readonly PropertyKey[]): string;
}

/** Deeper than this, a record is refused: it is kept whole, and written back. */
const RECORD_DEPTH_MAX = 24;

/** A claimant when the record names none (an alleged claim names who claims it; this one does not say). */
export const UNNAMED_CLAIMANT = 'an unnamed source';

const text = (what?: string) => z.string({ error: (issue) => (issue.input === undefined ? `missing${what ? `: ${what}` : ''}` : 'must be text') });
const ratingNumber = z
  .union(
    [
      z.number(),
      z
        .string()
        .trim()
        .regex(/^[+-]?\d+(?:\.\d+)?$/)
        .transform(Number),
    ],
    { error: 'must be a number' },
  )
  .optional();

const RecordShape = z
  .object({
    claimReviewed: text('the claim reviewed, as text'),
    url: text().optional(),
    datePublished: text().optional(),
    dateModified: text().optional(),
    headline: text().optional(),
    reviewBody: text().optional(),
    description: text().optional(),
    itemReviewed: z.object({}, { error: 'must be a Claim (an object)' }).loose().optional(),
    keywords: z.union([z.string(), z.array(z.string())], { error: 'must be text or a list of texts' }).optional(),
    'fc:questions': z.array(z.string(), { error: 'must be a list of texts' }).optional(),
    'fc:tags': z.array(z.string(), { error: 'must be a list of texts' }).optional(),
    'fc:reviewedAt': text().optional(),
  })
  .loose();

const RatingShape = z
  .object({
    alternateName: text().optional(),
    name: text().optional(),
    ratingValue: ratingNumber,
    bestRating: ratingNumber,
    worstRating: ratingNumber,
    ratingExplanation: text().optional(),
  })
  .loose();

const WorkShape = z
  .object({ url: text().optional(), name: text().optional(), headline: text().optional(), datePublished: text().optional(), text: text().optional() })
  .loose();

const PartyShape = z.object({ name: text().optional() }).loose();

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const clean = (v: string | undefined) => {
  const t = v?.replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
};
const hostOf = (url: string | undefined) => {
  try {
    return url ? new URL(url).hostname.replace(/^www\./, '') || undefined : undefined;
  } catch {
    return undefined;
  }
};

/** One value or a list of them, each with its path (a single value keeps the path the file gave it). */
function each(value: unknown, path: Path): Array<{ value: unknown; path: Path }> {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as unknown[]).map((v, i) => ({ value: v, path: [...path, i] })) : [{ value, path }];
}

/** A publication date as written, if it is one. */
export function publishedDate(value: string | undefined): string | undefined {
  return value !== undefined && PublishedDate.safeParse(value).success ? value : undefined;
}

/** A publication date as an ISO date-time (a bare date is midnight UTC; a time without an offset is UTC). */
export function asDateTime(value: string | undefined): string | undefined {
  if (!publishedDate(value)) return undefined;
  const v = value!.replace(' ', 'T');
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) || /(?:Z|[+-]\d{2}:?\d{2})$/.test(v) ? v : `${v}Z`);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** JSON-LD reads a null as no value: the record without its null properties and list items. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return (value as unknown[]).filter((v) => v !== null).map(withoutNulls);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === null ? [] : [[k, withoutNulls(v)]])));
}

/**
 * Reads a record; `problems` lists what cannot be read, each at the path the file gives it. The claim input keeps
 * the record itself, as it came (claimReview).
 */
export function readClaimReview(given: JsonObject): ReadReview {
  const problems: RecordProblem[] = [];
  const fields: Array<[claimPath: string, filePath: Path]> = [['claimReview', []]];
  const from = (claimPath: string, filePath: Path) => fields.push([claimPath, filePath]);
  const problem = (path: Path, message: string) => problems.push({ path, message });
  const zodProblems = (error: z.ZodError, base: Path) => {
    for (const issue of error.issues) problem([...base, ...(issue.path as Path)], issue.message);
  };

  if (nestsDeeperThan(given, RECORD_DEPTH_MAX)) {
    problem([], `nested deeper than ${RECORD_DEPTH_MAX} levels`);
    return { input: {}, problems, fieldOf: (path) => fileField(fields, path) };
  }
  const record = withoutNulls(given) as JsonObject;
  const shape = RecordShape.safeParse(record);
  if (!shape.success) zodProblems(shape.error, []);
  const r = shape.success ? shape.data : ({} as z.infer<typeof RecordShape>);
  const item = shape.success && isObject(r.itemReviewed) ? r.itemReviewed : {};

  /** The names of an author (or publisher): a name, a Person or Organization, or a list of them. */
  const names = (value: unknown, path: Path, strict = true): string[] =>
    each(value, path).flatMap(({ value: party, path: at }) => {
      if (typeof party === 'string') return clean(party) ? [clean(party)!] : [];
      const parsed = PartyShape.safeParse(party);
      if (!parsed.success) {
        if (strict) {
          if (isObject(party)) zodProblems(parsed.error, at);
          else problem(at, 'must be a name, or a Person or Organization object');
        }
        return [];
      }
      const name = clean(parsed.data.name);
      return name ? [name] : [];
    });
  const authorPath = (value: unknown, base: Path): Path => (isObject(value) ? [...base, 'name'] : base);

  // The rating: the verdict, or our own confidence.
  const ratings = each(record.reviewRating, ['reviewRating']);
  let rating: z.infer<typeof RatingShape> | undefined;
  let ratingPath: Path = ['reviewRating'];
  if (!ratings.length) {
    problem(['reviewRating'], 'missing: the rating (a Rating with alternateName, e.g. "False")');
  } else {
    ratingPath = ratings[0]!.path;
    const parsed = RatingShape.safeParse(ratings[0]!.value);
    if (parsed.success) rating = parsed.data;
    else if (isObject(ratings[0]!.value)) zodProblems(parsed.error, ratingPath);
    else problem(ratingPath, 'must be a Rating object');
  }
  const labelKey = rating?.alternateName !== undefined || rating?.name === undefined ? 'alternateName' : 'name';
  const label = clean(rating?.[labelKey]);
  if (rating && !label) problem([...ratingPath, 'alternateName'], 'missing: the textual rating (e.g. "False")');

  // Who rated it: the review's author, else its publisher.
  const authors = names(record.author, ['author']);
  const ratedBy = authors.length ? authors : names(record.publisher, ['publisher'], false);
  const ratedByPath: Path = authors.length ? authorPath(record.author, ['author']) : authorPath(record.publisher, ['publisher']);
  if (r.datePublished !== undefined && !publishedDate(r.datePublished))
    problem(['datePublished'], 'must be an ISO 8601 date (YYYY-MM-DD, or a date-time)');
  if (r.dateModified !== undefined && !publishedDate(r.dateModified))
    problem(['dateModified'], 'must be an ISO 8601 date (YYYY-MM-DD, or a date-time)');

  // Our own export carries a verdict whole when the record's rating does not say it as it is (fc:verdict).
  const carried = isObject(record['fc:verdict']) ? record['fc:verdict'] : given['fc:verdict'] === null ? null : undefined;
  const own = label ? ownRating(label) : null;
  let confidence: Confidence = own ?? (label ? confidenceOfVerdict(label) : 'alleged');
  from('confidence', [...ratingPath, labelKey]);
  let verdict: Record<string, unknown> | undefined;
  if (carried !== undefined) {
    verdict = carried ?? undefined;
    if (typeof carried?.label === 'string') confidence = confidenceOfVerdict(carried.label);
    from('verdict', ['fc:verdict']);
  } else if (label && !own) {
    const by = ratedBy.length ? shorten(ratedBy.join(', '), LIMITS.claimant) : undefined;
    verdict = {
      label: shorten(label, LIMITS.verdictLabel),
      ...(rating?.ratingValue !== undefined ? { ratingValue: rating.ratingValue } : {}),
      ...(rating?.bestRating !== undefined ? { bestRating: rating.bestRating } : {}),
      ...(rating?.worstRating !== undefined ? { worstRating: rating.worstRating } : {}),
      ...(by ? { ratedBy: by } : {}),
      ...(publishedDate(r.datePublished) ? { ratedOn: r.datePublished } : {}),
      ...(r.url !== undefined ? { url: r.url.trim() } : {}),
    };
    from('verdict', ratingPath);
    from('verdict.label', [...ratingPath, labelKey]);
    for (const key of ['ratingValue', 'bestRating', 'worstRating'] as const) from(`verdict.${key}`, [...ratingPath, key]);
    from('verdict.ratedBy', ratedByPath);
    from('verdict.ratedOn', ['datePublished']);
    from('verdict.url', ['url']);
  }

  // Who makes the claim.
  const claimants = names(item.author, ['itemReviewed', 'author']);
  const claimant = claimants.length ? shorten(claimants.join(', '), LIMITS.claimant) : confidence === 'alleged' ? UNNAMED_CLAIMANT : undefined;
  from('claimant', authorPath(item.author, ['itemReviewed', 'author']));

  // Where the claim appeared: the first appearance, then the others (the first one not twice); without any, the
  // review itself.
  const sources: Array<Record<string, unknown>> = [];
  const first = new Set<string>();
  const seen = (key: string, url: string | undefined) => {
    if (url === undefined) return false;
    if (key === 'firstAppearance') first.add(url);
    return key === 'appearance' && first.has(url);
  };
  for (const key of ['firstAppearance', 'appearance'] as const) {
    for (const { value: work, path } of each(item[key], ['itemReviewed', key])) {
      if (sources.length >= LIMITS.sources) break;
      const at = `sources.${sources.length}`;
      if (typeof work === 'string') {
        const url = work.trim();
        if (seen(key, url)) continue;
        sources.push({ name: shorten(hostOf(url) ?? (url || 'Untitled work'), LIMITS.sourceName), url });
        from(at, path);
        from(`${at}.url`, path);
        from(`${at}.name`, path);
        continue;
      }
      const parsed = WorkShape.safeParse(work);
      if (!parsed.success) {
        if (isObject(work)) zodProblems(parsed.error, path);
        else problem(path, 'must be a URL, or a CreativeWork object');
        continue;
      }
      const w = parsed.data;
      const url = w.url?.trim();
      if (seen(key, url)) continue;
      const titleKey = clean(w.headline) ? 'headline' : clean(w.name) ? 'name' : undefined;
      const title =
        (titleKey && clean(w[titleKey])) ??
        names(w.publisher, [], false)[0] ??
        names(w.author, [], false)[0] ??
        hostOf(url) ??
        typesOf(w)[0] ??
        'Untitled work';
      if (w.datePublished !== undefined && !publishedDate(w.datePublished))
        problem([...path, 'datePublished'], 'must be an ISO 8601 date (YYYY-MM-DD, or a date-time)');
      const date = publishedDate(w.datePublished)?.slice(0, 10);
      const quote = clean(w.text);
      sources.push({
        name: shorten(title, LIMITS.sourceName),
        ...(url !== undefined ? { url } : {}),
        ...(date ? { date } : {}),
        ...(quote ? { quote: shorten(quote, LIMITS.sourceQuote) } : {}),
      });
      from(at, path);
      from(`${at}.name`, titleKey ? [...path, titleKey] : path);
      from(`${at}.url`, [...path, 'url']);
      from(`${at}.date`, [...path, 'datePublished']);
      from(`${at}.quote`, [...path, 'text']);
    }
  }
  if (!sources.length) {
    const url = r.url?.trim();
    const name = ratedBy[0] ?? hostOf(url);
    if (!name) {
      problem(
        ['itemReviewed', 'appearance'],
        'missing: where the claim appeared (a URL or CreativeWork), and the review has no url or author to cite',
      );
    } else {
      const date = publishedDate(r.datePublished)?.slice(0, 10);
      sources.push({ name: shorten(name, LIMITS.sourceName), ...(url ? { url } : {}), ...(date ? { date } : {}) });
      from('sources.0', []);
      from('sources.0.url', ['url']);
      from('sources.0.name', ratedByPath);
      from('sources.0.date', ['datePublished']);
    }
  }

  // What the bot tells people.
  const explanations = [
    [rating?.ratingExplanation, [...ratingPath, 'ratingExplanation']],
    [r.reviewBody, ['reviewBody']],
    [r.description, ['description']],
    [r.headline, ['headline']],
  ] as const;
  const explained = explanations.find(([value]) => clean(value));
  const answer = explained
    ? shorten(clean(explained[0])!, LIMITS.answer)
    : label
      ? `Rated “${shorten(label, LIMITS.verdictLabel)}”${ratedBy.length ? ` by ${shorten(ratedBy.join(', '), LIMITS.claimant)}` : ''}.`
      : undefined;
  from('answer', explained ? explained[1] : [...ratingPath, labelKey]);

  const statement = clean(r.claimReviewed);
  from('statement', ['claimReviewed']);

  const id = idOf(record.identifier);
  from('id', ['identifier']);
  const keywords = (typeof r.keywords === 'string' ? r.keywords.split(',') : (r.keywords ?? []))
    .map((k) => clean(k))
    .filter((k): k is string => k !== undefined)
    .map((k) => shorten(k, LIMITS.keyword))
    .slice(0, LIMITS.keywords);
  from('keywords', ['keywords']);
  from('questions', ['fc:questions']);
  from('tags', ['fc:tags']);
  from('reviewedAt', ['fc:reviewedAt']);
  from('createdAt', ['datePublished']);
  from('updatedAt', ['dateModified']);

  const ownReviewedAt =
    r['fc:reviewedAt'] !== undefined && z.iso.datetime({ offset: true }).safeParse(r['fc:reviewedAt']).success ? r['fc:reviewedAt'] : undefined;
  const reviewedAt = ownReviewedAt ?? asDateTime(r.datePublished);
  const createdAt = asDateTime(r.datePublished);
  const updatedAt = asDateTime(r.dateModified);
  const input: Record<string, unknown> = {
    ...(id ? { id } : {}),
    statement: statement === undefined ? r.claimReviewed : shorten(statement, LIMITS.statement),
    answer,
    confidence,
    ...(claimant ? { claimant } : {}),
    sources,
    questions: r['fc:questions'] ?? [],
    keywords,
    tags: r['fc:tags'] ?? [],
    ...(reviewedAt ? { reviewedAt } : {}),
    ...(createdAt ? { createdAt } : {}),
    ...(updatedAt ? { updatedAt } : {}),
    ...(verdict ? { verdict } : {}),
    claimReview: given,
  };
  return { input, problems, fieldOf: (path) => fileField(fields, path) };
}

/** The claim id an identifier gives: a text or number made an id (`FC-2024/12` → `fc-2024-12`); none for anything else. */
function idOf(identifier: unknown): string | undefined {
  const value = isObject(identifier) ? identifier.value : identifier;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const written = String(value).trim();
  return /[a-z0-9]/i.test(written) ? slugify(written) : undefined;
}

/** The file's name of a claim field: the longest claim path recorded that starts it, and the rest of the path. */
function fileField(fields: ReadonlyArray<[string, Path]>, path: readonly PropertyKey[]): string {
  const parts = path.map(String);
  let best: { length: number; file: Path } | undefined;
  for (const [claimPath, file] of fields) {
    const prefix = claimPath.split('.');
    if (prefix.length > parts.length || (best && best.length >= prefix.length)) continue;
    if (prefix.every((p, i) => p === parts[i])) best = { length: prefix.length, file };
  }
  if (!best) return parts.length ? parts.join('.') : '(record)';
  const named = [...best.file.map(String), ...parts.slice(best.length)];
  return named.length ? named.join('.') : '(record)';
}
