// The domain: the claim record, the one definition every layer (files, database, matcher, Discord, CLI) uses, and
// what the knowledge layer says about claims and questions (outcomes, votes, the audit trail, the question queue,
// stats). TypeScript types are inferred from these schemas, never written twice. Row types stay in the store.
import { z } from 'zod';
import { printable } from './text.js';

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
export function confidenceLabel(claim: { confidence: Confidence; claimant?: string | undefined }): { level: string; detail: string } {
  return claim.confidence === 'confirmed'
    ? { level: 'Confirmed', detail: 'established: reported as fact or on the record' }
    : { level: `Alleged — claimed by ${claim.claimant ?? 'an unnamed source'}`, detail: 'not independently verified' };
}

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
} as const;

const trimmed = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

export const ClaimId = z
  .string()
  .min(1, 'must not be empty')
  .max(LIMITS.id, `at most ${LIMITS.id} characters`)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'only a-z, 0-9 and single dashes');

const isoDate = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });

export const Source = z.object({
  name: trimmed(LIMITS.sourceName),
  url: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .max(LIMITS.sourceUrl, `at most ${LIMITS.sourceUrl} characters`)
    .optional(),
  date: isoDate.optional(),
  quote: trimmed(LIMITS.sourceQuote).optional(),
});
export type Source = z.infer<typeof Source>;

/** Discord user id (a snowflake) of whoever changed a claim, or `curated` for the shipped base. */
export const Actor = z.union([z.literal('curated'), z.string().regex(/^\d{5,25}$/, 'must be a Discord user id or "curated"')]);
export const GuildId = z.string().regex(/^\d{5,25}$/, 'must be a Discord server id');

const timestamp = z.iso.datetime({ offset: true, message: 'must be an ISO date-time' });

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
};

function requireClaimantWhenAlleged(claim: { confidence: Confidence; claimant?: string | undefined }, ctx: z.RefinementCtx) {
  if (claim.confidence === 'alleged' && !claim.claimant) {
    ctx.addIssue({ code: 'custom', path: ['claimant'], message: 'required when confidence is "alleged"' });
  }
}

/** The fields a person writes, without what the store manages (dates, authors, status, scope): an edit's new content. */
export const ClaimContent = z.object(claimContent).strict().superRefine(requireClaimantWhenAlleged);
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
  })
  .strict()
  .superRefine(requireClaimantWhenAlleged);
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
  })
  .strict()
  .superRefine(requireClaimantWhenAlleged);
export type Claim = z.infer<typeof Claim>;

/** The import/export file: a JSON array of claims. */
export const ClaimFile = z.array(z.unknown()).max(100_000, 'at most 100000 claims in one file');

/** `json`: our claim records, every field; `claimreview`: schema.org ClaimReview (JSON-LD) records. */
export const CLAIM_FORMATS = ['json', 'claimreview'] as const;
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
 * One line per problem: `claim 3 (some-id): sources.0.url: must be an http(s) URL`; `fieldName` names the field as
 * the file does, when its records were mapped to ours.
 */
export function describeIssues(error: z.ZodError, label?: string, fieldName?: FieldNames): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.length ? (fieldName?.(issue.path) ?? issue.path.join('.')) : '(record)';
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
