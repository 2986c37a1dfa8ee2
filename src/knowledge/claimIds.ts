// Claim ids made from statements. An id is readable (the statement's slug), stable (a statement always gets the
// same ids, in the same order, so a file imported again finds the claims it made) and unique within its scope (the
// curated base, or one server: another scope's claims never change the id a claim gets here). When a statement's
// slug is taken, the next id it tries is its slug cut short with a suffix made from the statement's own text: not a
// counter, which would depend on what else is in the base, and whose search grew with every claim of that slug.
import { createHash } from 'node:crypto';
import { LIMITS, slugify } from './schema.js';

const SUFFIX_LENGTH = 8;

/** A slug cut to at most `max` characters at a word, never ending in a dash. */
function cutSlug(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const atWord = cut.lastIndexOf('-');
  return (atWord > 0 ? cut.slice(0, atWord) : cut.slice(0, max)).replace(/-+$/, '');
}

/**
 * The id a statement gets at its `attempt`-th try: 0 is its slug; 1, 2, … its slug cut short and a suffix of 8
 * letters and digits made from the statement and the attempt. Every one is a valid claim id.
 */
export function statementId(statement: string, attempt: number): string {
  const slug = slugify(statement);
  if (attempt === 0) return slug;
  const digest = createHash('sha256').update(`${attempt}\u0000${statement}`).digest();
  const suffix = digest.readBigUInt64BE(0).toString(36).slice(-SUFFIX_LENGTH).padStart(SUFFIX_LENGTH, '0');
  return `${cutSlug(slug, LIMITS.id - SUFFIX_LENGTH - 1)}-${suffix}`;
}

/**
 * The first id of `statement`'s sequence (from `attempt` on) that `taken` does not refuse, and its attempt.
 * `taken` may also accept an id as the statement's own (an import finding the claim it made before): it returns
 * `'own'` then.
 */
export function firstFreeId(statement: string, taken: (id: string) => boolean | 'own', attempt = 0): { id: string; attempt: number; own: boolean } {
  for (let n = attempt; ; n++) {
    const id = statementId(statement, n);
    const verdict = taken(id);
    if (verdict !== true) return { id, attempt: n, own: verdict === 'own' };
  }
}
