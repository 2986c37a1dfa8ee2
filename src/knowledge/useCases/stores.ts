// What every use case works with, for one database: the claim store, the edits waiting for their correction note,
// the question log, the search and the members waiting for answers.
import type { StoreSearch } from '../search.js';
import type { ClaimStore } from '../store/claimStore.js';
import type { PendingEditStore } from '../store/pendingEditStore.js';
import type { QuestionLog } from '../store/questionLog.js';
import type { SubscriptionStore } from '../store/subscriptions.js';

export interface Stores {
  claims: ClaimStore;
  pendingEdits: PendingEditStore;
  questions: QuestionLog;
  search: StoreSearch;
  subscriptions: SubscriptionStore;
}
