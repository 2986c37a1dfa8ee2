// Who is who in a sentence, as far as a matcher needs: the part that says what happened, and the part that says who
// reports it ("…, South Korean officials claim.", "according to Seoul's adviser, …", "who says …?"). An actor
// named only as who reports a claim is not who the claim is about: "Did South Korea send weapons?" is not answered
// by a claim that South Korea's adviser reports.
import { REPORTING_WORDS } from './lexicon.js';

const words = REPORTING_WORDS.map((w) => w.replace(/ /g, '\\s+')).join('|');
/** "…are alleged to be…", "…was reported…": a passive says nothing of who reports it. */
const NOT_PASSIVE = '(?<!\\b(?:is|are|was|were|be|been|being)\\s)';
/** ", X alleges." / ", according to X." / ", X said" at the end of a sentence. */
const TRAILING = new RegExp(
  `,\\s*((?:according\\s+to|cited\\s+by|citing|per)\\s+[^,.;]+|[^,.;]{1,80}?\\s+${NOT_PASSIVE}(?:${words}))\\s*[.!?]*\\s*$`,
  'iu',
);
/** "According to X, …" / "X says …" / "X claims that …" at the start. */
const LEADING = new RegExp(`^\\s*((?:according\\s+to|per)\\s+[^,]+,|[^,.;?]{1,60}?\\s+${NOT_PASSIVE}(?:${words})(?:\\s+that)?\\s)`, 'iu');
/** "…, Seoul says, and…": who reports it, set off by commas inside the sentence. */
const MIDDLE = new RegExp(`,\\s*((?:according\\s+to|cited\\s+by|citing|per)\\s+[^,.;]{1,50}|[^,.;]{1,50}?\\s+${NOT_PASSIVE}(?:${words}))\\s*,`, 'iu');
/** "who says …", "what did X say", "did X claim": asking who reports something. */
const ASKING_WHO = new RegExp(
  `^\\s*(?:who\\s+(?:${words})\\b|(?:what|how|why|when)\\s+(?:did|does|do|has|have)\\s+([^?]{1,60}?)\\s+(?:${words})\\b|(?:did|does|do|has|have)\\s+([^?]{1,60}?)\\s+(?:${words})\\b)`,
  'iu',
);

/** A text split into what it says happened (`core`) and who reports it (`attribution`, maybe empty). */
export function splitAttribution(text: string): { core: string; attribution: string } {
  const asking = ASKING_WHO.exec(text);
  if (asking) {
    const who = asking[1] ?? asking[2] ?? '';
    return { core: text.slice(asking[0].length), attribution: who };
  }
  let core = text;
  const attribution: string[] = [];
  const trailing = TRAILING.exec(core);
  if (trailing) {
    attribution.push(trailing[1]!);
    core = core.slice(0, trailing.index);
  }
  const leading = LEADING.exec(core);
  if (leading && leading[1]!.length < core.length - 10) {
    attribution.push(leading[1]!);
    core = core.slice(leading[0].length);
  }
  const middle = MIDDLE.exec(core);
  if (middle) {
    attribution.push(middle[1]!);
    core = `${core.slice(0, middle.index)},${core.slice(middle.index + middle[0].length)}`;
  }
  return { core, attribution: attribution.join('; ') };
}
