// What every use case works with: the claim store, the question log, the search and the members waiting for
// answers, for one database.
import type { StoreSearch } from '../search.js';
import type { ClaimStore } from '../store/claimStore.js';
import type { QuestionLog } from '../store/questionLog.js';
import type { SubscriptionStore } from '../store/subscriptions.js';

export interface Stores {
  claims: ClaimStore;
  questions: QuestionLog;
  search: StoreSearch;
  subscriptions: SubscriptionStore;
}
