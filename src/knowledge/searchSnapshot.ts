// The search's index saved in a file beside a SQLite store, so that a start over a large base reads the index back
// instead of analyzing every claim again (10,000 claims: a tenth of a second instead of a second or more). The file
// is a cache and nothing else: it names the store's revision it holds and the change made at that revision (which
// tells this store from another one put in its place), and a fingerprint of the matcher's code and data. When any of
// them does not match, or the file cannot be read, the search is built from the store as before and saved anew.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { z } from 'zod';
import { CURATED_LEXICON_FILE } from './curated/index.js';
import { IndexImage } from './matcher/indexImage.js';

/** Bumped whenever what the file holds changes shape. */
const FORMAT = 1;

const Snapshot = z.object({
  format: z.literal(FORMAT),
  /** The matcher's fingerprint when the index was saved (matcherFingerprint). */
  matcher: z.string(),
  /** The store's revision the index holds every change up to, and the change made at it (ClaimStore.changeAt). */
  revision: z.number().int().positive(),
  change: z.string(),
  index: IndexImage,
});
export type Snapshot = z.infer<typeof Snapshot>;

/** The file beside a SQLite database that holds its search's index. */
export function snapshotPathOf(databasePath: string): string {
  return `${databasePath}.search-index`;
}

/** Reads a saved index; null when there is none, or it is unreadable, of another format or another matcher. */
export function readSnapshot(path: string): Snapshot | null {
  if (!existsSync(path)) return null;
  try {
    const parsed = Snapshot.safeParse(deserialize(readFileSync(path)));
    return parsed.success && parsed.data.matcher === matcherFingerprint() ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Saves an index: written to a file of its own, then renamed over the last one, so that a reader (another process
 * over the same store) never sees half a file. A failure to write is no failure of the search: the next start builds
 * it from the store.
 */
export function writeSnapshot(path: string, snapshot: Omit<Snapshot, 'format' | 'matcher'>): boolean {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, serialize({ format: FORMAT, matcher: matcherFingerprint(), ...snapshot }));
    renameSync(temporary, path);
    return true;
  } catch {
    rmSync(temporary, { force: true });
    return false;
  }
}

let fingerprint: string | undefined;

/**
 * What the index's terms depend on: the matcher's files (analysis, normalization, lexicon code and language data),
 * the curated lexicon, and the versions of the libraries installed (package-lock.json). The sources are read where
 * the project has them, so the compiled bot and the same code run from src/ (tsx, the CLI) share a saved index.
 */
export function matcherFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha256');
  const sources = fileURLToPath(new URL('../../src/knowledge/matcher/', import.meta.url));
  const matcher = existsSync(sources) ? sources : fileURLToPath(new URL('./matcher/', import.meta.url));
  const files = [...filesIn(matcher), fileURLToPath(CURATED_LEXICON_FILE), fileURLToPath(new URL('../../package-lock.json', import.meta.url))];
  for (const file of files) {
    hash.update(file.startsWith(matcher) ? relative(matcher, file) : basename(file));
    if (existsSync(file)) hash.update(readFileSync(file));
  }
  return (fingerprint = hash.digest('hex'));
}

function filesIn(folder: string): string[] {
  return readdirSync(folder)
    .sort()
    .flatMap((entry) => {
      const path = join(folder, entry);
      return statSync(path).isDirectory() ? filesIn(path) : [path];
    });
}
