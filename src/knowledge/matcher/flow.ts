// Who hands something to whom, as far as the matcher needs: in "Russia has sent North Korea oil" and in "North Korea
// gets oil from Russia", Russia gives and North Korea receives. A question that has the two the other way round
// ("Does North Korea sell fuel to Russia?") is not answered by that claim, however many words they share.
import { GETTING_WORDS, GIVING_WORDS, PASSIVE_WORDS } from './lexicon.js';

export interface Flow {
  giver: ReadonlySet<string>;
  receiver: ReadonlySet<string>;
}

/** Words after which the actor is where something comes from ("from Russia", "sent by Moscow"). */
const SOURCE = new Set(['from', 'by']);
/** Words that start another part of a clause ("to", "into", "for", "with"); what follows them is not the subject. */
const MARKERS = new Set([...SOURCE, 'to', 'into', 'for', 'with', 'of']);

const isVerb = (w: string) => GIVING_WORDS.has(w) || GETTING_WORDS.has(w);

/** The runs of words between markers in words[from, to), each with the marker before it ('' at the start). */
function segments(words: readonly string[], from: number, to: number): Array<{ marker: string; words: string[] }> {
  const out: Array<{ marker: string; words: string[] }> = [{ marker: '', words: [] }];
  for (let i = from; i < to; i++) {
    const w = words[i]!;
    if (MARKERS.has(w)) out.push({ marker: w, words: [] });
    else out[out.length - 1]!.words.push(w);
  }
  return out.filter((s) => s.words.length);
}

/**
 * The giver and receiver of the first verb of giving or getting in `words` (normalized words, stop words kept)
 * that has an actor on each side; `actors` names the actors of a run of words. Null when no verb has both.
 */
export function flowOf(words: readonly string[], actors: (words: string[]) => string[]): Flow | null {
  for (let v = 0; v < words.length; v++) {
    const verb = words[v]!;
    if (!isVerb(verb)) continue;
    let start = v;
    while (start > 0 && !isVerb(words[start - 1]!)) start--;
    let end = v + 1;
    while (end < words.length && !isVerb(words[end]!)) end++;
    // The subject is the nearest actor before the verb ("…a quid pro quo for North Korean troops sent to…").
    let subject = new Set<string>();
    const source = new Set<string>();
    for (const s of segments(words, start, v)) {
      const found = actors(s.words);
      if (SOURCE.has(s.marker)) for (const a of found) source.add(a);
      // "Moscow made pledges to Pyongyang and is now delivering": who something goes to is no subject.
      else if (found.length && s.marker !== 'to' && s.marker !== 'into') subject = new Set(found);
    }
    let object: Set<string> | null = null;
    for (const s of segments(words, v + 1, end)) {
      const found = actors(s.words);
      if (!found.length) continue;
      if (SOURCE.has(s.marker)) for (const a of found) source.add(a);
      else object ??= new Set(found);
    }
    const giving = GIVING_WORDS.has(verb);
    const giver = giving ? new Set([...subject, ...source]) : source;
    const receiver = giving ? (object ?? new Set<string>()) : subject;
    for (const a of giver) receiver.delete(a);
    if (giver.size && receiver.size) return { giver, receiver };
  }
  return null;
}

const meets = (a: ReadonlySet<string>, b: ReadonlySet<string>) => [...a].some((x) => b.has(x));

/**
 * Who does what to whom, for any verb: "North Korea has accused South Korea of…", "Putin gave guarantees to Kim".
 * The agent is the first actor named (the other one in a passive, or when the verb is of getting),
 * the target the next other actor, and `verbs` the first terms between the two: what the one does to the other.
 */
export interface Direction {
  agent: ReadonlySet<string>;
  target: ReadonlySet<string>;
  verbs: ReadonlySet<string>;
}

/** A term's place in the words, as the analyzer gives it (analyzer.spans). */
export interface Span {
  terms: string[];
  start: number;
  end: number;
}

/** Words before an actor that make it no target: "with Russia" (ties with, talks with) has no direction. */
const ALONG = new Set(['with', 'and', 'or', 'between', 'among']);
const VERB_TERMS = 2;

/**
 * The direction of a text's first two actors (`isActor` tells the terms that are), or null: when fewer than two
 * are named, when the first are named together ("Russia and North Korea…"), or when the other comes "with" it.
 */
export function directionOf(words: readonly string[], spans: readonly Span[], isActor: (term: string) => boolean): Direction | null {
  const mentions = spans
    .map((s) => ({ ...s, actors: s.terms.filter(isActor) }))
    .filter((s) => s.actors.length)
    .map((s) => ({ ...s, marker: s.start > 0 ? words[s.start - 1]! : '' }));
  if (mentions.length < 2) return null;
  let agent = mentions[0]!;
  let target = mentions.find((m) => !m.actors.some((a) => agent.actors.includes(a)));
  if (!target) return null;
  // "Russia and North Korea have…": two named together, neither acting on the other.
  const between = words.slice(agent.end, target.start);
  if (ALONG.has(target.marker) || (between.length <= 1 && between.every((w) => ALONG.has(w) || w === 's'))) return null;
  // "Seoul has been accused by Pyongyang…" (a passive: not "…flyers dropped by the South", where the first acts), and
  // "Pyongyang is receiving … from the Kremlin": who gets, or is acted on, comes first.
  const passive = target.marker === 'by' && between.some((w) => PASSIVE_WORDS.has(w));
  if (passive || between.some((w) => GETTING_WORDS.has(w))) [agent, target] = [target, agent];
  const [from, to] = agent.start < target.start ? [agent.end, target.start] : [target.end, agent.start];
  const verbs = spans.filter((s) => s.start >= from && s.end <= to && !s.terms.some(isActor)).flatMap((s) => s.terms);
  if (!verbs.length) return null;
  return { agent: new Set(agent.actors), target: new Set(target.actors), verbs: new Set(verbs.slice(0, VERB_TERMS)) };
}

/** Whether a question has a claim's agent and target the other way round, for the same action. */
export function reversedDirection(question: Direction | null, claim: Direction | null): boolean {
  if (!question || !claim || !meets(question.verbs, claim.verbs)) return false;
  return meets(question.agent, claim.target) && meets(question.target, claim.agent) && !meets(question.agent, claim.agent);
}

/** Whether a question has a claim's giver and receiver the other way round. */
export function reversedFlow(question: Flow | null, claim: Flow | null): boolean {
  if (!question || !claim) return false;
  return meets(question.giver, claim.receiver) && meets(question.receiver, claim.giver) && !meets(question.giver, claim.giver);
}
