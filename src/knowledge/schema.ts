// The domain: the claim record, the one definition every layer (files, database, matcher, Discord, CLI) uses, and
// what the knowledge layer says about claims and questions (outcomes, votes, the audit trail, the question queue,
// stats). TypeScript types are inferred from these schemas, never written twice. Row types stay in the store.
import { z } from 'zod';
import { printable } from './text.js';
import { confidenceOfVerdict } from './verdicts.js';

/**
 * How sure the base is of a claim.
 * - `confirmed`: established — reported as fact, on the record, or admitted by the party concerned.
 * - `alleged`: asserted by someone (the `claimant`) and not independently verified.
 */
export const CONFIDENCE_LEVELS = ['confirmed', 'alleged'] as const;
export const Confidence = z.enum(CONFIDENCE_LEVELS);
export type Confidence = z.infer<typeof Confidence>;

/**
 * How a claim's confidence reads to a user, in plain text: one wording for every face (Discord's badge adds an
 * emoji and bold, the command line prints it as is).
 */
export function confidenceLabel(claim: { confidence: Confidence; claimant?: string | undefined; verdict?: unknown }): {
  level: string;
  detail: string;
} {
  if (claim.confidence === 'confirmed') return { level: 'Confirmed', detail: 'established: reported as fact or on the record' };
  // A fact-checker's verdict (shown with it) checked the claim; it is still not established as fact.
  const detail = claim.verdict ? 'not established as fact' : 'not independently verified';
  return { level: `Alleged — claimed by ${claim.claimant ?? 'an unnamed source'}`, detail };
}

/** The languages the bot reads and answers in: English, and the languages of the people who ask about this base. */
export const LANGUAGES = ['en', 'ko', 'ja', 'zh', 'ru', 'uk', 'es', 'de', 'fr'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

export const CLAIM_STATUSES = ['active', 'retired'] as const;
export const ClaimStatus = z.enum(CLAIM_STATUSES);
export type ClaimStatus = z.infer<typeof ClaimStatus>;

export const LIMITS = {
  id: 64,
  statement: 300,
  answer: 1500,
  claimant: 200,
  sourceName: 200,
  sourceUrl: 500,
  sourceQuote: 500,
  sources: 10,
  questions: 20,
  question: 300,
  keywords: 30,
  keyword: 60,
  tags: 20,
  tag: 40,
  verdictLabel: 100,
  /** Characters of the ClaimReview record a claim was imported from, as JSON. */
  claimReview: 100_000,
} as const;

const trimmed = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

export const ClaimId = z
  .string()
  .min(1, 'must not be empty')
  .max(LIMITS.id, `at most ${LIMITS.id} characters`)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'only a-z, 0-9 and single dashes');

const isoDate = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });
const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(LIMITS.sourceUrl, `at most ${LIMITS.sourceUrl} characters`);

export const Source = z.object({
  name: trimmed(LIMITS.sourceName),
  url: httpUrl.optional(),
  date: isoDate.optional(),
  quote: trimmed(LIMITS.sourceQuote).optional(),
});
export type Source = z.infer<typeof Source>;

/** Discord user id (a snowflake) of whoever changed a claim, or `curated` for the shipped base. */
export const Actor = z.union([z.literal('curated'), z.string().regex(/^\d{5,25}$/, 'must be a Discord user id or "curated"')]);
export const GuildId = z.string().regex(/^\d{5,25}$/, 'must be a Discord server id');

const timestamp = z.iso.datetime({ offset: true, message: 'must be an ISO date-time' });

/** A claim's text in another language: a localized variant of the same claim (one id, one history). */
export const ClaimTranslation = z
  .object({
    statement: trimmed(LIMITS.statement),
    answer: trimmed(LIMITS.answer),
    claimant: trimmed(LIMITS.claimant).optional(),
    questions: z.array(trimmed(LIMITS.question)).max(LIMITS.questions, `at most ${LIMITS.questions}`).default([]),
    keywords: z.array(trimmed(LIMITS.keyword)).max(LIMITS.keywords, `at most ${LIMITS.keywords}`).default([]),
  })
  .strict();
export type ClaimTranslation = z.infer<typeof ClaimTranslation>;
export const ClaimTranslations = z.partialRecord(Language, ClaimTranslation);
export type ClaimTranslations = z.infer<typeof ClaimTranslations>;

const PUBLISHED = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
/** A publication date as fact-checkers write it (ISO 8601): `2026-03-02`, or a date-time such as `2026-03-02T09:15:00+01:00`. */
export const PublishedDate = z.string().refine((v) => {
  const m = PUBLISHED.exec(v);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === `${m[1]}-${m[2]}-${m[3]}`;
}, 'must be an ISO 8601 date (YYYY-MM-DD, or a date-time)');

/**
 * A fact-checker's verdict on a claim: the rating as they word it (`label`, e.g. "False"), its place on their
 * numeric scale when they give one, who rated it, when, and the published review. The confidence a verdict gives
 * a claim is decided in verdicts.ts.
 */
export const Verdict = z
  .object({
    label: trimmed(LIMITS.verdictLabel),
    ratingValue: z.number().finite().optional(),
    bestRating: z.number().finite().optional(),
    worstRating: z.number().finite().optional(),
    ratedBy: trimmed(LIMITS.claimant).optional(),
    ratedOn: PublishedDate.optional(),
    url: httpUrl.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.bestRating !== undefined && v.bestRating === v.worstRating) {
      ctx.addIssue({ code: 'custom', path: ['bestRating'], message: 'must differ from worstRating' });
    } else if (v.ratingValue !== undefined && v.bestRating !== undefined && v.worstRating !== undefined) {
      const [low, high] = [Math.min(v.bestRating, v.worstRating), Math.max(v.bestRating, v.worstRating)];
      if (v.ratingValue < low || v.ratingValue > high) {
        ctx.addIssue({
          code: 'custom',
          path: ['ratingValue'],
          message: `${v.ratingValue} is outside the scale ${v.worstRating} (worst) to ${v.bestRating} (best)`,
        });
      }
    }
  });
export type Verdict = z.infer<typeof Verdict>;

/**
 * The schema.org ClaimReview record a claim was imported from, kept as the file gave it: export gives back what came
 * in for every part of it whose claim field is unchanged since (interchange/claimReview).
 */
export const ClaimReviewOrigin = z
  .record(z.string(), z.unknown())
  .refine((record) => JSON.stringify(record).length <= LIMITS.claimReview, `at most ${LIMITS.claimReview} characters as JSON`);
export type ClaimReviewOrigin = z.infer<typeof ClaimReviewOrigin>;

/** The fields someone writes: what a curated file, an import or a moderator's modal supplies. */
const claimContent = {
  statement: trimmed(LIMITS.statement),
  answer: trimmed(LIMITS.answer),
  confidence: Confidence,
  claimant: trimmed(LIMITS.claimant).optional(),
  sources: z.array(Source).min(1, 'at least one source').max(LIMITS.sources, `at most ${LIMITS.sources} sources`),
  questions: z.array(trimmed(LIMITS.question)).max(LIMITS.questions, `at most ${LIMITS.questions}`).default([]),
  keywords: z.array(trimmed(LIMITS.keyword)).max(LIMITS.keywords, `at most ${LIMITS.keywords}`).default([]),
  tags: z.array(trimmed(LIMITS.tag)).max(LIMITS.tags, `at most ${LIMITS.tags}`).default([]),
  /** The language the claim is written in. */
  language: Language.default('en'),
  /** The claim in other languages; sources and their quotes stay as the sources wrote them. */
  translations: ClaimTranslations.default({}),
};

/** The rules across fields: an alleged claim names its claimant; a claim's confidence is the one its verdict gives. */
function crossFieldRules(
  claim: { confidence: Confidence; claimant?: string | undefined; verdict?: { label: string } | null | undefined },
  ctx: z.RefinementCtx,
) {
  if (claim.confidence === 'alleged' && !claim.claimant) {
    ctx.addIssue({ code: 'custom', path: ['claimant'], message: 'required when confidence is "alleged"' });
  }
  if (claim.verdict) {
    const expected = confidenceOfVerdict(claim.verdict.label);
    if (claim.confidence !== expected) {
      const label = printable(claim.verdict.label, 40);
      ctx.addIssue({ code: 'custom', path: ['confidence'], message: `must be "${expected}" for a claim rated "${label}"` });
    }
  }
}

/**
 * The fields a person writes, without what the store manages (dates, authors, status, scope): an edit's new content.
 * The ClaimReview record a claim came from stays as it is through an edit.
 */
export const ClaimContent = z
  .object({ ...claimContent, verdict: Verdict.optional() })
  .strict()
  .superRefine(crossFieldRules);
export type ClaimContent = z.output<typeof ClaimContent>;

/** What a moderator or an import supplies; `id` is generated from the statement when missing. */
export const ClaimInput = z
  .object({
    id: ClaimId.optional(),
    ...claimContent,
    reviewedAt: timestamp.optional(),
    createdAt: timestamp.optional(),
    updatedAt: timestamp.optional(),
    createdBy: Actor.optional(),
    updatedBy: Actor.optional(),
    status: ClaimStatus.optional(),
    guildId: GuildId.nullable().optional(),
    /** `null`: no verdict (an edit that gives it removes the claim's). */
    verdict: Verdict.nullable().optional(),
    claimReview: ClaimReviewOrigin.optional(),
  })
  .strict()
  .superRefine(crossFieldRules);
export type ClaimInput = z.input<typeof ClaimInput>;
export type ParsedClaimInput = z.output<typeof ClaimInput>;

/** A claim as the store holds it: every field present. */
export const Claim = z
  .object({
    id: ClaimId,
    ...claimContent,
    reviewedAt: timestamp,
    createdAt: timestamp,
    updatedAt: timestamp,
    createdBy: Actor,
    updatedBy: Actor,
    status: ClaimStatus,
    guildId: GuildId.nullable(),
    verdict: Verdict.optional(),
    claimReview: ClaimReviewOrigin.optional(),
  })
  .strict()
  .superRefine(crossFieldRules);
export type Claim = z.infer<typeof Claim>;

/** The most records one file may hold. */
export const FILE_RECORDS_MAX = 100_000;

/** The import/export file: a JSON array of claims. */
export const ClaimFile = z.array(z.unknown()).max(FILE_RECORDS_MAX, `at most ${FILE_RECORDS_MAX} claims in one file`);

/**
 * `json`: our claim records, every field; `claimreview`: schema.org ClaimReview (JSON-LD) records, read from any
 * shape fact-checkers publish and written as a JSON array; `datafeed`: the same records written as a schema.org
 * DataFeed (export only: import reads it as claimreview).
 */
export const CLAIM_FORMATS = ['json', 'claimreview', 'datafeed'] as const;
export type ClaimFormat = (typeof CLAIM_FORMATS)[number];

/** What the bot did with a question: answered it, offered the closest claims, or had nothing. */
export const OUTCOMES = ['answered', 'suggested', 'unanswered'] as const;
export const Outcome = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof Outcome>;

/** A member's feedback on an answer. */
export const VOTES = ['helpful', 'not_what_i_asked'] as const;
export const Vote = z.enum(VOTES);
export type Vote = z.infer<typeof Vote>;

export const AUDIT_ACTIONS = ['add', 'edit', 'retire', 'review', 'import', 'sync'] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

/** One change of a claim: who made it, when, the claim before and after, and its note (a correction's is public). */
export const AuditEntry = z.object({
  id: z.number(),
  claimId: z.string(),
  action: AuditAction,
  actor: z.string(),
  at: z.string(),
  before: Claim.nullable(),
  after: Claim.nullable(),
  note: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** A public correction as answers show it: "Updated {date}: {note}". */
export const Correction = z.object({ at: z.string(), note: z.string() });
export type Correction = z.infer<typeof Correction>;

/**
 * A question waiting for a claim, in the moderators' queue: its occurrences grouped regardless of case, with the
 * claim it came closest to (or got, when a member marked that answer "Not what I asked"). `id` names the group.
 */
export const UnansweredQuestion = z.object({
  id: z.number(),
  question: z.string(),
  count: z.number(),
  lastAskedAt: z.string(),
  bestClaimId: z.string().nullable(),
  bestScore: z.number().nullable(),
});
export type UnansweredQuestion = z.infer<typeof UnansweredQuestion>;

/**
 * A member waiting to hear when a question of theirs gets an answer ("Notify me"), in one server. `channelId` and
 * `messageId` say where they asked: the answer to reply to, when it was public (`messageId` is null otherwise).
 * `claimId` is the claim that answers it, once one does.
 */
export const Subscription = z.object({
  id: z.number(),
  guildId: z.string(),
  userId: z.string(),
  askedId: z.number(),
  question: z.string(),
  channelId: z.string().nullable(),
  messageId: z.string().nullable(),
  createdAt: z.string(),
  state: z.enum(['waiting', 'due', 'sending', 'sent', 'held', 'shown', 'ended']),
  claimId: z.string().nullable(),
});
export type Subscription = z.infer<typeof Subscription>;

/** Questions and feedback in one server over the last `days` days. */
export interface PeriodStats {
  days: number;
  answered: number;
  suggested: number;
  unanswered: number;
  helpful: number;
  notWhatIAsked: number;
  /** The most-asked questions without an answer (no vetted claim, or only suggestions), most asked first. */
  topUnanswered: Array<{ question: string; count: number }>;
  /** The claims members most often marked "Not what I asked"; `statement` is null when no longer visible here. */
  topNotWhatIAsked: Array<{ claimId: string; count: number; statement: string | null }>;
}

/** A slug for a claim id, made from its statement: lower case, dashes, at most 64 characters, cut at a word. */
export function slugify(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > LIMITS.id) break;
    slug = next;
  }
  return slug || 'claim';
}

/** Longest problem line; a line quotes untrusted text (an unknown field's name) only through `printable`. */
export const ISSUE_LINE_MAX = 300;

/** How a file names a field of ours (a ClaimReview file says `claimReviewed` for our `statement`). */
export type FieldNames = (path: readonly PropertyKey[]) => string;

/**
 * One line per problem: `claim 3 (some-id): sources.0.url: must be an http(s) URL`. `fieldName` names a field as
 * the file being read does (a ClaimReview file calls `statement` `claimReviewed`).
 */
export function describeIssues(error: z.ZodError, label?: string, fieldName?: FieldNames): string[] {
  return error.issues.map((issue) => {
    const field = fieldName ? fieldName(issue.path) : issue.path.length ? issue.path.join('.') : '(record)';
    const message = issue.code === 'unrecognized_keys' ? unknownFields(issue.keys) : issue.message;
    return printable(`${label ? `${label}: ` : ''}${field}: ${message}`, ISSUE_LINE_MAX);
  });
}

/** zod quotes every unknown key in full; a file can hold thousands, with line breaks in them. */
function unknownFields(keys: string[]): string {
  const shown = keys
    .slice(0, 3)
    .map((key) => `"${printable(key, 40)}"`)
    .join(', ');
  return `unknown field${keys.length === 1 ? '' : 's'} ${shown}${keys.length > 3 ? ` and ${keys.length - 3} more` : ''}`;
}
