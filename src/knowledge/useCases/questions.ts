// The moderators' view of the question log: the queue of questions waiting for a claim, and stats.
import type { PeriodStats, UnansweredQuestion } from '../schema.js';
import type { Stores } from './stores.js';

/** The server's open questions waiting for a claim, most asked first. */
export function unanswered(stores: Stores, guildId: string | null, limit = 10): Promise<UnansweredQuestion[]> {
  return stores.questions.unanswered(guildId, limit);
}

/**
 * Dismisses the open question named by `id` in this server (any other id changes nothing): how many times it was
 * asked. Members waiting on it stop waiting: nobody will answer it.
 */
export async function dismiss(stores: Stores, guildId: string | null, id: number): Promise<{ question: string | undefined; count: number }> {
  const question = (await stores.questions.unanswered(guildId, 100)).find((g) => g.id === id)?.question;
  const count = await stores.questions.dismiss(guildId, id);
  const text = question ?? (await stores.questions.questionText(guildId, id));
  if (count > 0 && guildId && text !== undefined) await stores.subscriptions.endQuestion(guildId, text);
  return { question, count };
}

/** Questions and feedback over the last `days` days, with the statements of the claims named (when visible here). */
export async function stats(stores: Stores, guildId: string | null, days: number, now = new Date()): Promise<PeriodStats> {
  const logged = await stores.questions.stats(guildId, days, now);
  const topNotWhatIAsked = [];
  for (const c of logged.topNotWhatIAsked)
    topNotWhatIAsked.push({ ...c, statement: (await stores.claims.get(c.claimId, guildId))?.statement ?? null });
  return { ...logged, topNotWhatIAsked };
}
