// The tables of the store, as Kysely sees them: one description for SQLite and PostgreSQL. Every row read back is
// still checked with zod by the store that reads it; these types only let the query builder check names.
import type { ColumnType, Generated, Kysely } from 'kysely';

/** An id the database makes when none is given (SQLite's autoincrement, PostgreSQL's identity). */
type AutoId = Generated<number>;

export interface ClaimsTable {
  id: string;
  guild_id: string | null;
  status: string;
  statement: string;
  answer: string;
  confidence: string;
  claimant: string | null;
  sources: string;
  questions: string;
  keywords: string;
  tags: string;
  reviewed_at: string;
  created_at: string;
  updated_at: string;
  created_by: string;
  updated_by: string;
  rev: number;
  language: string;
  translations: string;
  verdict_label: string | null;
  verdict_value: number | null;
  verdict_best: number | null;
  verdict_worst: number | null;
  verdict_by: string | null;
  verdict_on: string | null;
  verdict_url: string | null;
  claim_review: string | null;
  /** reviewed_at in ms since 1970, for comparing and sorting (migration 10). */
  reviewed_ms: number;
}

export interface AuditTable {
  /** The change's revision: given by the store, in commit order (store_state.revision). */
  id: number;
  claim_id: string;
  guild_id: string | null;
  action: string;
  actor: string;
  at: string;
  before: string | null;
  after: string | null;
  note: string | null;
}

export interface AskedTable {
  id: ColumnType<number, number | undefined, number>;
  guild_id: string | null;
  question: string;
  asked_at: string;
  outcome: string;
  claim_id: string | null;
  score: number | null;
  suggested: string | null;
  picked_from: number | null;
  dismissed_at: string | null;
}

export interface FeedbackTable {
  id: AutoId;
  asked_id: number;
  guild_id: string | null;
  user_id: string;
  kind: string;
  at: string;
}

export interface OpenQuestionsView {
  id: number;
  guild_id: string | null;
  question: string;
  at: string;
  claim_id: string | null;
  score: number | null;
  n: number;
}

export interface SubscriptionsTable {
  id: AutoId;
  guild_id: string;
  user_id: string;
  asked_id: number;
  question: string;
  channel_id: string | null;
  message_id: string | null;
  created_at: string;
  state: string;
  claim_id: string | null;
  via: string | null;
  changed_at: string;
}

export interface PendingEditsTable {
  id: string;
  guild_id: string | null;
  user_id: string;
  claim_id: string;
  base_rev: number;
  changes: string;
  created_at: string;
  expires_at: string;
  saved_at: string | null;
  saved_rev: number | null;
}

/** One row: the schema's version, and the revision of the last claim change (every claim writer bumps it). */
export interface StoreStateTable {
  id: number;
  schema_version: number;
  revision: number;
}

/** A member's last use of a rate-limited action, shared by every worker on the store (ms since 1970). */
export interface CooldownsTable {
  action: string;
  user_id: string;
  until_ms: number;
}

/** Verdicts chosen with /claim add, waiting for the add form that command opened (any worker may get the submit). */
export interface PendingVerdictsTable {
  id: string;
  guild_id: string | null;
  user_id: string;
  verdict: string;
  created_at: string;
  expires_at: string;
}

export interface Tables {
  claims: ClaimsTable;
  audit: AuditTable;
  asked: AskedTable;
  feedback: FeedbackTable;
  open_questions: OpenQuestionsView;
  subscriptions: SubscriptionsTable;
  pending_edits: PendingEditsTable;
  store_state: StoreStateTable;
  cooldowns: CooldownsTable;
  pending_verdicts: PendingVerdictsTable;
}

export type Engine = 'sqlite' | 'postgres';
export type Db = Kysely<Tables>;
