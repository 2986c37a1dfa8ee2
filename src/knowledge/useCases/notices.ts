// Members waiting for an answer ("Notify me") and the notices they get. A member subscribes to a question of theirs
// the bot had no answer for; when a moderator's claim answers it (the matcher asked again, after the change, with
// its own decision), or a moderator links the question to a claim, every member waiting on it is due one notice.
// Subscriptions are per server and capped per member; the face sends the notices (see commands/notify).
import { shownCorrection } from '../corrections.js';
import { ClaimNotFoundError } from '../errors.js';
import type { Claim, Correction, Subscription } from '../schema.js';
import type { Stores } from './stores.js';

/** At most this many questions one member waits on in one server. */
export const MAX_WAITING = 5;
/** After a change, at most this many waiting questions (the most recent first) are asked again. */
export const LINK_SCAN = 200;

export type SubscribeResult =
  | { status: 'subscribed' | 'already'; subscription: Subscription }
  /** The member waits on MAX_WAITING questions already: these. */
  | { status: 'full'; waiting: Subscription[] }
  /** No question of this server without an answer has that id (forged, foreign, or answered). */
  | { status: 'not-found' };

/** Where the member asked: the channel, and the answer to reply to when it was public. */
export interface AskedWhere {
  channelId: string | null;
  messageId: string | null;
}

/** A notice to send: who waits and where they asked (the subscription), and the claim that answers them now. */
export interface Notice {
  subscription: Subscription;
  claim: Claim;
  correction: Correction | null;
}

/** What a moderator's change answered: the waiting questions it answers, and how many members were waiting. */
export interface Linked {
  questions: string[];
  members: number;
}

export async function subscribe(
  stores: Stores,
  guildId: string | null,
  askedId: number,
  userId: string,
  where: AskedWhere,
): Promise<SubscribeResult> {
  const asked = guildId === null ? undefined : await stores.questions.get(askedId, guildId);
  if (!guildId || !asked || asked.outcome === 'answered') return { status: 'not-found' };
  const existing = await stores.subscriptions.waitingOn(guildId, userId, asked.question);
  if (existing) return { status: 'already', subscription: existing };
  const waiting = await stores.subscriptions.waiting(guildId, userId);
  if (waiting.length >= MAX_WAITING) return { status: 'full', waiting };
  return { status: 'subscribed', subscription: await stores.subscriptions.add({ guildId, userId, askedId, question: asked.question, ...where }) };
}

export async function waiting(stores: Stores, guildId: string | null, userId: string): Promise<Subscription[]> {
  return guildId ? stores.subscriptions.waiting(guildId, userId) : [];
}

/** Ends a member's own waiting subscription; false when they have none with that id here. */
export async function unsubscribe(stores: Stores, guildId: string | null, userId: string, id: number): Promise<boolean> {
  return guildId ? stores.subscriptions.end(guildId, userId, id) : false;
}

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * After a moderator added or changed `claimId`: the waiting questions here (those members wait on, and those in the
 * moderators' queue the bot had no answer for) that the matcher now answers with that claim leave the queue, and
 * every member waiting on one is due a notice. Questions are asked again a few at a time, letting other work in.
 */
export async function linkAnswered(stores: Stores, guildId: string | null, claimId: string): Promise<Linked> {
  const claim = await stores.claims.get(claimId, guildId);
  if (!claim || claim.status !== 'active') return { questions: [], members: 0 };
  const candidates = new Map<string, string>();
  const waitedOn = guildId ? await stores.subscriptions.waitingQuestions(guildId, LINK_SCAN) : [];
  for (const question of [...waitedOn, ...(await stores.questions.withoutAnswer(guildId, LINK_SCAN))]) {
    if (candidates.size < LINK_SCAN && !candidates.has(question.toLowerCase())) candidates.set(question.toLowerCase(), question);
  }
  const answeredNow: string[] = [];
  const search = await stores.search.fresh();
  for (const [i, question] of [...candidates.values()].entries()) {
    if (i > 0 && i % 10 === 0) await yieldToEvents();
    if ((await search.match(question, guildId)).match?.claim.id === claim.id) answeredNow.push(question);
  }
  let members = 0;
  for (const question of answeredNow) {
    await stores.questions.dismissQuestion(guildId, question);
    if (guildId) members += await stores.subscriptions.answer(guildId, question, claim.id);
  }
  return { questions: answeredNow, members };
}

/**
 * A moderator links the queued question `questionId` to a claim visible and active here: the question leaves the
 * queue, and members waiting on it are due a notice. `count` is how many times it was asked (0: it was not open).
 */
export async function answeredBy(
  stores: Stores,
  guildId: string | null,
  questionId: number,
  claimId: string,
): Promise<{ question: string | undefined; count: number; members: number }> {
  const claim = await stores.claims.get(claimId, guildId);
  if (!claim || claim.status !== 'active') throw new ClaimNotFoundError(claimId);
  const question = await stores.questions.questionText(guildId, questionId);
  const count = question === undefined ? 0 : await stores.questions.dismissQuestion(guildId, question);
  if (!question || count === 0) return { question, count: 0, members: 0 };
  return { question, count, members: guildId ? await stores.subscriptions.answer(guildId, question, claim.id) : 0 };
}

async function noticeOf(stores: Stores, subscription: Subscription): Promise<Notice | null> {
  const claim = subscription.claimId ? await stores.claims.get(subscription.claimId, subscription.guildId) : undefined;
  if (!claim || claim.status !== 'active') return null;
  return { subscription, claim, correction: shownCorrection(await stores.claims.latestCorrection(claim)) };
}

/** Takes the notices due here, to send them (no other process gets them); those whose claim was retired are held. */
export async function takeDue(stores: Stores, guildId: string | null): Promise<Notice[]> {
  if (!guildId) return [];
  const notices: Notice[] = [];
  for (const s of await stores.subscriptions.take(guildId)) {
    const notice = await noticeOf(stores, s);
    if (notice) notices.push(notice);
    else await stores.subscriptions.hold(s.id);
  }
  return notices;
}

/** The notices held for a member here (they could not be sent), to show now: each is shown once. */
export async function takeHeld(stores: Stores, guildId: string | null, userId: string): Promise<Notice[]> {
  if (!guildId) return [];
  const notices: Notice[] = [];
  for (const s of await stores.subscriptions.takeHeld(guildId, userId)) {
    const notice = await noticeOf(stores, s);
    if (notice) notices.push(notice);
  }
  return notices;
}
