// The index of claims as data: what ClaimIndex.image() gives and ClaimIndex.restore() takes back, so a large base
// can be saved once built and read back at the next start instead of analyzed again. Each scope's part keeps its
// documents (removed ones as null ids, until the part compacts), their field lengths and dates, its term numbers
// with one posting list each, and its typo vocabulary with each word's use count.
import { z } from 'zod';

/** One scope's part: `scope` is '' for the curated base, else the server's id. */
export const PartImage = z.object({
  scope: z.string(),
  live: z.number().int().nonnegative(),
  dead: z.number().int().nonnegative(),
  /** Per document: its claim's id (null once removed), statement, claimant and example questions. */
  ids: z.array(z.string().nullable()),
  statements: z.array(z.string()),
  claimants: z.array(z.string().nullable()),
  questions: z.array(z.array(z.string())),
  /** Field lengths (FIELDS per document), days since the epoch of the latest source date, sums of the lengths. */
  lengths: z.instanceof(Uint16Array),
  days: z.instanceof(Int32Array),
  lengthSums: z.instanceof(Float64Array),
  /** The part's terms by number; term t's posting is postings[postingEnds[t-1]..postingEnds[t]) (document, frequencies). */
  terms: z.array(z.string()),
  postingEnds: z.instanceof(Uint32Array),
  postings: z.instanceof(Uint32Array),
  /** Claims counted with each term (removed ones stay counted until the part compacts). */
  dfs: z.instanceof(Uint32Array),
  /** The typo vocabulary: each known word and how many claims use it. */
  words: z.array(z.string()),
  uses: z.instanceof(Uint32Array),
});
export type PartImage = z.infer<typeof PartImage>;

export const IndexImage = z.object({ parts: z.array(PartImage) });
export type IndexImage = z.infer<typeof IndexImage>;
