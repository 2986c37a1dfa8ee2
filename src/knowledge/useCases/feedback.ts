// Members' feedback on an answer: one vote per member per answer, only in the server the answer was given in. A
// "Not what I asked" vote also puts the question in the moderators' queue, with the claim it got (the log's view).
import type { Vote } from '../schema.js';
import type { Stores } from './stores.js';

export type VoteResult =
  | { status: 'recorded'; claimId: string }
  | { status: 'already-recorded' }
  /** No answer with that id in this server: a forged or foreign button. Nothing is recorded. */
  | { status: 'not-found' };

export async function vote(stores: Stores, guildId: string | null, askedId: number, voter: string, kind: Vote): Promise<VoteResult> {
  const asked = await stores.questions.get(askedId, guildId);
  if (!asked || asked.outcome !== 'answered' || !asked.claimId) return { status: 'not-found' };
  if (!(await stores.questions.vote(asked, voter, kind))) return { status: 'already-recorded' };
  return { status: 'recorded', claimId: asked.claimId };
}
