// Checking a message a member points at (Discord's "Fact-check this message", the console's /check): the whole
// message is answered as a question is, and a message of a few sentences is also read one sentence at a time, so
// that the other claims it makes are found too. Logged once, as one question, with every claim it was answered with.
import { shownCorrection } from '../corrections.js';
import { detectLanguage } from '../matcher/language/detect.js';
import type { Claim } from '../schema.js';
import { ClaimSearch, type ScoredClaim } from '../search.js';
import { answered, withoutAnswer, type Answer } from './answering.js';
import type { ClaimView } from './reading.js';
import type { Stores } from './stores.js';

/** A message of this many sentences is read one sentence at a time too (a longer one is a post, read as a whole). */
export const SENTENCES_READ = { min: 2, max: 6 } as const;
/** Besides the best claim, at most this many more claims found in other sentences are shown. */
export const MORE_CLAIMS = 2;

/** What the bot makes of a message. */
export interface MessageCheck {
  /** The answer, as to a question: with the best claim the message makes, or its closest claims, or nothing. */
  answer: Answer;
  /** Other claims the message makes, found in its other sentences (at most MORE_CLAIMS), in the order it makes them. */
  also: ClaimView[];
}

export async function check(stores: Stores, guildId: string | null, text: string, options: { log?: boolean } = {}): Promise<MessageCheck> {
  const log = options.log ?? true;
  const search = await stores.search.fresh();
  const whole = await search.match(text, guildId);
  const sentences = ClaimSearch.sentences(text);
  const bySentence: ScoredClaim[] = [];
  if (sentences.length >= SENTENCES_READ.min && sentences.length <= SENTENCES_READ.max) {
    for (const sentence of sentences) {
      const { match } = await search.match(sentence, guildId);
      if (match && match.claim.id !== whole.match?.claim.id && !bySentence.some((s) => s.claim.id === match.claim.id)) bySentence.push(match);
    }
  }
  // The whole message's answer comes first; without one, the sentence the matcher is surest of.
  const best = whole.match ?? [...bySentence].sort((a, b) => b.score - a.score)[0];
  if (!best) return { answer: withoutAnswer(stores, guildId, text, whole.suggestions, log, whole.language), also: [] };
  const also = bySentence.filter((s) => s.claim.id !== best.claim.id).slice(0, MORE_CLAIMS);
  const askedId = log
    ? stores.questions.record(
        guildId,
        text,
        'answered',
        { claimId: best.claim.id, score: best.score },
        also.map((s) => s.claim.id),
      )
    : null;
  const alsoViews: ClaimView[] = [];
  for (const s of also) alsoViews.push(await withCorrection(stores, s.claim));
  return { answer: await answered(stores, best.claim, text, best.score, askedId, whole.language), also: alsoViews };
}

const withCorrection = async (stores: Stores, claim: Claim): Promise<ClaimView> => ({
  claim,
  correction: shownCorrection(await stores.claims.latestCorrection(claim)),
});

/**
 * A message checked before, as its log has it (for "Post publicly"): the claims it was answered with, or the closest
 * claims it was offered, those still active here. Null for a question not asked in this server.
 */
export async function recall(stores: Stores, guildId: string | null, askedId: number): Promise<MessageCheck | null> {
  const asked = await stores.questions.get(askedId, guildId);
  if (!asked) return null;
  const active = async (ids: readonly string[]): Promise<Claim[]> => {
    const byId = new Map((await stores.claims.getMany(ids)).map((c) => [c.id, c]));
    return ids.flatMap((id) => {
      const claim = byId.get(id);
      return claim && claim.status === 'active' && (claim.guildId === null || claim.guildId === guildId) ? [claim] : [];
    });
  };
  if (asked.outcome === 'answered' && asked.claimId) {
    const [claim] = await active([asked.claimId]);
    if (claim) {
      const also: ClaimView[] = [];
      for (const c of await active(asked.suggested)) also.push(await withCorrection(stores, c));
      return { answer: await answered(stores, claim, asked.question, asked.score, asked.id, detectLanguage(asked.question)), also };
    }
  }
  // The closest claims' scores are not kept in the log; the reply does not show them.
  const suggestions = asked.outcome === 'suggested' ? (await active(asked.suggested)).map((claim) => ({ claim, score: 0 })) : [];
  return {
    answer: {
      question: asked.question,
      outcome: suggestions.length ? 'suggested' : 'unanswered',
      claim: null,
      score: null,
      correction: null,
      suggestions,
      askedId: asked.id,
      language: detectLanguage(asked.question),
    },
    also: [],
  };
}
