// The knowledge layer's front door: the one module that code outside src/knowledge imports. It opens the knowledge
// base, which hands out one scope at a time (`kb.scope(guildId)`) with the use cases named for what people do, and
// it exports the domain: the types of the schema, the errors a use case reports, and the policies a face needs to
// word its replies (limits, the corrections rule, staleness). Stores, rows and the matcher stay behind it.
export { KnowledgeBase, type KnowledgeBaseOptions } from './knowledgeBase.js';
export { snapshotPathOf } from './searchSnapshot.js';
export { Scope, type WriteOptions } from './scope.js';
export type { Answer, AnswerOptions, AutocompleteOptions } from './useCases/answering.js';
export type { ChangedSince, EditDraft, EditResult, HeldEdit, HoldResult, RetireDraft, ReviewDraft } from './useCases/curating.js';
export type { VoteResult } from './useCases/feedback.js';
export type { MessageCheck } from './useCases/checking.js';
export { MAX_WAITING, type AskedWhere, type Linked, type Notice, type SubscribeResult } from './useCases/notices.js';
export type { ClaimListPage, ClaimsSummary, ClaimView } from './useCases/reading.js';
export type { ImportReport, SyncReport, VersionedClaim } from './store/claimStore.js';
export { PENDING_EDIT_TTL_MS, PENDING_EDITS_PER_MODERATOR, PENDING_EDITS_PER_SERVER } from './store/pendingEditStore.js';
export { readClaimRecords, type ClaimRecords, type ExportedFile } from './useCases/claimFiles.js';
export { looksLikeJsonLd, type ClaimReviewOptions } from './interchange/claimReview.js';
export { confidenceOfVerdict, OWN_RATINGS, TRUE_RATINGS, VERDICT_CHOICES } from './verdicts.js';

export {
  Actor,
  AuditEntry,
  CLAIM_FORMATS,
  Claim,
  ClaimFile,
  ClaimId,
  ClaimInput,
  CONFIDENCE_LEVELS,
  Confidence,
  confidenceLabel,
  Correction,
  describeIssues,
  GuildId,
  ClaimTranslation,
  Language,
  LANGUAGES,
  LIMITS,
  Outcome,
  Source,
  Subscription,
  UnansweredQuestion,
  Verdict,
  Vote,
  VOTES,
  type ClaimFormat,
  type PeriodStats,
} from './schema.js';
export { checkClaimInput, type CheckedClaimInput } from './claimInput.js';
export { checkCorrectionNote, CORRECTION_NOTE_MAX, daysSinceReview, isStale, type CorrectionNote, type MaterialField } from './corrections.js';
export { CannotWriteError, ClaimNotFoundError, ReadOnlyClaimError, ValidationError } from './errors.js';
export { printable } from './text.js';
export { describeOpenError } from './store/openErrors.js';
export {
  CURATED_CLAIMS_FILE,
  curatedAliases,
  loadCuratedTranslations,
  withCuratedTranslations,
  NameEntry,
  readCuratedFile,
  TRANSLATED_LANGUAGES,
  TranslatedLanguage,
  type CuratedTranslations,
} from './curated/index.js';
export { ClaimSearch, MAX_QUESTION_CHARS, type Ranking, type ScoredClaim } from './search.js';
export { loadLanguageDetector } from './matcher/language/detect.js';
