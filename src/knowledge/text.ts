// Untrusted text quoted in a message (a problem line, a log line): one line, no invisible characters, bounded.

/** Control, format (bidi overrides, zero-width), line and paragraph separator characters. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/**
 * `text` made safe to quote on one line: invisible characters are shown as `\u{202e}`, and it is cut to at most
 * `max` characters, ending with "…" (never inside a surrogate pair).
 */
export function printable(text: string, max: number): string {
  const shown = text.replace(INVISIBLE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
  if (shown.length <= max) return shown;
  let cut = shown.slice(0, Math.max(0, max - 1));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * `text` cut to at most `max` characters at a word boundary when there is one near the end, ending with "…"; text
 * that fits is returned as it is.
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  if (space > max * 0.6) cut = cut.slice(0, space);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}
