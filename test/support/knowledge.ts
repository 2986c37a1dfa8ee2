// Shared builders for knowledge-base tests: a database path in a fresh temp folder (never ./data), claim inputs,
// and the command-line tools run as a user runs them.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import type { ClaimInput } from '../../src/knowledge/schema.js';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A fresh folder under the OS temp dir, removed after the test file. */
export function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'factcheck-test-'));
  folders.push(folder);
  return folder;
}

/** A database path in a fresh temp folder. */
export function tempDatabasePath(): string {
  return join(tempFolder(), 'factcheck.db');
}

export const GUILD_A = '111111111111111111';
export const GUILD_B = '222222222222222222';
export const MODERATOR = '333333333333333333';

/** A valid claim about something the curated base knows nothing of (a tram line), to be changed per test. */
export function tramClaim(overrides: Partial<ClaimInput> = {}): ClaimInput {
  return {
    id: 'council-approved-tram-line',
    statement: 'The city council approved the new tram line to the stadium.',
    answer: 'The council voted 31 to 12 on Tuesday to approve the tram line; construction starts next spring.',
    confidence: 'confirmed',
    sources: [{ name: 'Council minutes', url: 'https://example.org/minutes', date: '2026-03-04' }],
    questions: ['Did the council approve the tram line?'],
    keywords: ['tram', 'council vote'],
    ...overrides,
  };
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `src/cli/<tool>.ts` as `npm run <tool>` would, against the given database. Settings a developer's .env
 * could hold are blanked (dotenv never overrides a variable that is set), so they take their defaults unless `env`
 * sets them.
 */
export function runCli(
  tool: 'ask' | 'claims',
  args: string[],
  options: { databasePath: string; input?: string; env?: Record<string, string> },
): CliRun {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli', `${tool}.ts`), ...args], {
    cwd: PROJECT_ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: {
      ...process.env,
      DATABASE_PATH: options.databasePath,
      DISCORD_TOKEN: '',
      DISCORD_CLIENT_ID: '',
      CLAIMREVIEW_AUTHOR: '',
      PUBLIC_BASE_URL: '',
      REVIEW_INTERVAL_DAYS: '',
      ...options.env,
    },
    timeout: 30_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** How many audit rows a database file holds (read-only): a failed write must add none. */
export function countAuditRows(databasePath: string): number {
  const db = new Database(databasePath, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
