// fast-check arbitraries for hostile text: any Unicode (RTL and zero-width marks, combining marks, emoji, control
// characters), very long strings, Markdown and mention syntax, and words the matcher knows — mixed, so a case can be
// both on topic and hostile. Text that arrives from Discord is well-formed UTF-8, so strings are well-formed UTF-16.
import fc from 'fast-check';

/** Pieces that have broken text handling somewhere before. */
export const HOSTILE_PIECES = [
  // bidirectional overrides and marks
  '\u202E',
  '\u202D',
  '\u202A',
  '\u2066',
  '\u2069',
  '\u200F',
  '\u200E',
  '\u061C',
  'مرحبا',
  'שלום',
  // zero-width and invisible
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u180E',
  '\u3164',
  '\u00AD',
  // combining marks (Zalgo)
  '\u0301',
  '\u0336',
  '\u20DD',
  'e\u0301',
  'Z\u0337\u0322\u0353\u0344a\u0338l\u0337g\u0335o\u0336',
  '\u0300'.repeat(50),
  // emoji: ZWJ sequences, flags, skin tones, keycaps
  '👨‍👩‍👧‍👦',
  '🏳️‍🌈',
  '🇰🇵',
  '🇷🇺',
  '👍🏽',
  '1️⃣',
  '💥',
  '𝕳𝖊𝖑𝖑𝖔',
  '𓀀',
  // control characters and line breaks
  '\u0000',
  '\u0007',
  '\u0008',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\r',
  '\n',
  '\r\n',
  '\t',
  '\u2028',
  '\u2029',
  '\v',
  '\f',
  // Markdown and mentions
  '@everyone',
  '@here',
  '<@&123456789012345678>',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<#123456789012345678>',
  '[click here](https://evil.example/x)',
  '[https://good.example](https://evil.example)',
  '<https://evil.example>',
  '```',
  '``',
  '**',
  '__',
  '~~',
  '||spoiler||',
  '> ',
  '# ',
  '-# ',
  '`',
  '\\',
  '|',
  ' | ',
  '<t:0:R>',
  ':flag_kp:',
  '<:emoji:123456789012345678>',
  // our own syntax
  'claim:',
  'claim:over-one-million-barrels-of-oil-since-march',
  'fc:pick:1-1',
  'fb:helpful:1',
  'claim:edit:x',
  '${x}',
  "'; DROP TABLE claims; --",
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
  // on-topic words, so some cases reach the answer and suggestion paths
  'russia',
  'north korea',
  'did',
  'oil',
  'barrels',
  'missiles',
  'air defence',
  'troops',
  'ukraine',
  'tankers',
  'satellite',
  '10,000',
  'ten thousand',
  'how many',
  'pyongyang',
  'kim',
  'putin',
  'sanctions',
  'belarus',
  'soldiers',
] as const;

export const hostilePiece = fc.constantFrom(...HOSTILE_PIECES);

/** Short hostile text: pieces, any code points and graphemes, joined with or without spaces. */
export const hostileShort: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .array(fc.oneof(hostilePiece, fc.string({ unit: 'grapheme', maxLength: 8 })), { maxLength: 30 })
      .chain((parts) => fc.constantFrom(parts.join(' '), parts.join(''))),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-composite', maxLength: 100 }) },
);

/** Up to 10,000 characters: a repeated piece or grapheme, or hostile text padded out, cut to an exact length. */
export const hostileLong: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      hostilePiece,
      hostileShort.filter((s) => s.length > 0),
    ),
    fc.integer({ min: 1000, max: 10_000 }),
    hostileShort,
  )
  .map(([unit, length, tail]) => {
    const cut = `${unit.repeat(Math.ceil(length / Math.max(1, unit.length)))}`.slice(0, length);
    return wellFormed(`${cut}${tail}`.slice(0, 10_000));
  });

/** Any hostile text, mostly short, sometimes very long. */
export const hostileText: fc.Arbitrary<string> = fc.oneof({ weight: 4, arbitrary: hostileShort }, { weight: 1, arbitrary: hostileLong });

/** Cutting a string can split a surrogate pair; Discord never sends one, so neither do the generators. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/** Case counts per property, printed at the end of a test file. */
export class CaseCounter {
  private readonly counts = new Map<string, number>();
  private readonly slowest = new Map<string, number>();

  /** Runs `fn` as one case of `property`, counting it and keeping the slowest time. */
  async run<T>(property: string, fn: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await fn();
    } finally {
      const ms = performance.now() - started;
      this.counts.set(property, (this.counts.get(property) ?? 0) + 1);
      this.slowest.set(property, Math.max(this.slowest.get(property) ?? 0, ms));
    }
  }

  count(property: string): number {
    return this.counts.get(property) ?? 0;
  }

  slowestMs(property: string): number {
    return this.slowest.get(property) ?? 0;
  }

  report(title: string): string {
    const lines = [...this.counts].map(([p, n]) => `  ${p}: ${n} cases, slowest ${this.slowestMs(p).toFixed(1)} ms`);
    const total = [...this.counts.values()].reduce((a, b) => a + b, 0);
    return [`${title}: ${total} cases`, ...lines].join('\n');
  }
}
