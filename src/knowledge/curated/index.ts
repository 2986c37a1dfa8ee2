// The curated claim base shipped with the bot, curated from the seed news report.
import { readFileSync } from 'node:fs';

/** Where the curated claims live; the store syncs this file into the database at start-up. */
export const CURATED_CLAIMS_FILE = new URL('./claims.json', import.meta.url);

export function readCuratedFile(file: URL | string = CURATED_CLAIMS_FILE): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}
