// What every use case works with: the claim store, the question log and the search, for one database.
import type { StoreSearch } from '../search.js';
import type { ClaimStore } from '../store/claimStore.js';
import type { QuestionLog } from '../store/questionLog.js';

export interface Stores {
  claims: ClaimStore;
  questions: QuestionLog;
  search: StoreSearch;
}
