// A message as people paste it: a forwarded post, a tweet with its signature, a rumour with "is it true?" around
// it. Reading it finds what the matcher should weigh — the post's own words — and what it says about itself: who
// signed it and when. Links, pic links and emoji are dropped; #HashTags and @handles are split into words.
import { ASKER_WORDS } from './lexicon.js';

/** What a pasted message says, once read. */
export interface Post {
  /** The words of the post itself, without links, emoji and the wrapper around it ("Forwarded:", "is it true?"). */
  text: string;
  /** Who signed it ("— Name (@handle) January 14, 2020"): the name and the handle's words. */
  author?: string;
  /** When it was posted, as YYYY-MM-DD, from its signature or a date written at its end. */
  date?: string;
  /** The sentences of `text`, in order (one for a plain question). */
  sentences: string[];
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

/** "January 14, 2020", "14 January 2020" or "2020-01-14" at the end of a text. */
const DATE_AT_END = new RegExp(`(?:${MONTH}\\s+(\\d{1,2}),?\\s+(\\d{4})|(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})|(\\d{4})-(\\d{2})-(\\d{2}))\\s*$`, 'i');
/** "— Name (@handle) date", the signature an embedded or copied tweet ends with. */
const SIGNATURE = /[—–-]{1,2}\s*([^—–()\n]{0,80}?)\s*\(@(\w{1,30})\)\s*(.{0,40})$/u;

const LINK = /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|ly|co|gov|io|me|tv|news|info)\/\S*/giu;
/** A tweet's picture link, often glued to the word before it ("#IranUsapic.twitter.com/…"). */
const PIC_LINK = /pic\.twitter\.com\/\S*/giu;
/** Emoji and what joins or colours them, and flags. */
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|[\u{1F1E6}-\u{1F1FF}]|\u{FE0E}|\u{FE0F}|\u{200D}|\u{20E3}/gu;

/** What people write before the post they forward: "Forwarded:", "someone wrote:", "my aunt sent me this:". */
const WRAPPER_BEFORE =
  /^\s*(?:fwd?|forwarded(?: message)?|(?:[\p{L}' ]{0,40}?\b)?(?:wrote|posted|said|says|shared|sent(?: me)?(?: this)?|forwarded(?: me)?(?: this)?|got this)(?: (?:on|in|from) [\p{L} ]{1,30})?)\s*[:—–-]\s*/iu;
/** What people write after it: "is it true?", "real?", "thoughts?". */
const WRAPPER_AFTER =
  /\s*(?:[.!?…]\s*|\s+)(?:(?:so\s+)?(?:is|was)\s+(?:this|that|it)\s+(?:true|real|legit|accurate|correct)|true|real|legit|fake|thoughts|any truth to (?:this|that|it)|can (?:someone|anyone) (?:confirm|check)|fact ?check(?: this)?|is this (?:a )?(?:hoax|rumou?r))\s*\?*\s*$/iu;
/** "my uncle", "a friend of mine", "our neighbour": who passed the post on, not what it is about. */
const ASKER = new RegExp(
  `\\b(?:my|our|a|his|her|your|their|some)\\s+(?:\\p{L}+\\s+)?(?:${ASKER_WORDS.join('|')})(?:'s)?(?:\\s+of\\s+mine)?\\b`,
  'giu',
);
/** "sent me this", "forwarded us a clip": how the post reached the asker. */
const PASSED_ON = /\b(?:sent|forwarded|showed|shared|texted|passed)\s+(?:me|us)\b(?:\s+(?:this|that|a\s+\p{L}+))?/giu;
const QUOTED = /^["“”'‘’«](.{12,})["“”'‘’»]$/su;

function isoDate(match: RegExpExecArray): string | undefined {
  const [, m1, d1, y1, d2, m2, y2, yi, mi, di] = match;
  const month = (name: string | undefined) => (name ? MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().slice(0, 3))) + 1 : 0);
  const [y, m, d] = yi ? [Number(yi), Number(mi), Number(di)] : m1 ? [Number(y1), month(m1), Number(d1)] : [Number(y2), month(m2), Number(d2)];
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 1900 && y <= 2100)) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCDate() === d ? date.toISOString().slice(0, 10) : undefined;
}

/** "CenterForBioDiv" → "Center For Bio Div", "north_korea" → "north korea". */
function splitName(name: string): string {
  return name
    .replace(/_/g, ' ')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\d)/gu, '$1 $2');
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

function sentencesOf(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\n+/)) {
    for (const { segment } of segmenter.segment(line)) {
      // People start sentences in lower case ("…and forth. so I was…"), where the segmenter sees no boundary.
      for (const part of segment.split(/(?<=[.!?;:])\s+(?=\p{Ll})/u)) {
        const sentence = part.trim();
        if (/[\p{L}\p{N}]/u.test(sentence)) out.push(sentence);
      }
    }
  }
  return out;
}

/** Reads a pasted message (at most `maxChars` of it). */
export function readPost(raw: string, maxChars = 4000): Post {
  let text = raw.slice(0, maxChars).replace(/\r\n?/g, '\n').trim();
  let author: string | undefined;
  let date: string | undefined;

  const signature = SIGNATURE.exec(text);
  if (signature) {
    const dated = DATE_AT_END.exec(signature[3]!.trim());
    if (dated || signature[3]!.trim() === '') {
      const name = signature[1]!.trim();
      const known = new Set(name.toLowerCase().split(/\s+/));
      const handle = splitName(signature[2]!)
        .split(' ')
        .filter((w) => !known.has(w.toLowerCase()));
      author = [name, ...handle].filter(Boolean).join(' ');
      if (dated) date = isoDate(dated);
      text = text.slice(0, signature.index).trim();
    }
  }
  if (!date) {
    const dated = DATE_AT_END.exec(text);
    if (dated && dated.index > 0 && /[\s(—–-]$/.test(text.slice(0, dated.index))) {
      date = isoDate(dated);
      if (date)
        text = text
          .slice(0, dated.index)
          .replace(/[\s(—–-]+$/, '')
          .trim();
    }
  }

  text = text
    .replace(PIC_LINK, ' ')
    .replace(LINK, ' ')
    .replace(EMOJI, ' ')
    .replace(/#([\p{L}\p{N}_]+)/gu, (_, tag: string) => ` ${splitName(tag)} `)
    .replace(/(^|[^\p{L}\p{N}_])@(\w{1,30})/gu, (_, before: string, handle: string) => `${before} ${splitName(handle)} `)
    .replace(/[ \t]+/g, ' ')
    .trim();

  // The wrapper around a forwarded post, then the quotes around the post itself.
  for (let i = 0; i < 2; i++) {
    const before = text.replace(WRAPPER_BEFORE, '');
    const after = before.replace(WRAPPER_AFTER, '');
    const unquoted = QUOTED.exec(after.trim())?.[1] ?? after;
    if (unquoted.trim().length < 3 || unquoted === text) break;
    text = unquoted.trim();
  }

  text = text
    .replace(ASKER, ' ')
    .replace(PASSED_ON, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
  return { text, ...(author ? { author } : {}), ...(date ? { date } : {}), sentences: sentencesOf(text) };
}
