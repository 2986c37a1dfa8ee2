// Shared builders for knowledge-base tests: a database path in a fresh temp folder (never ./data), claim inputs,
// and the command-line tools run as a user runs them.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import type { Claim, ClaimInput, KnowledgeBase, ScoredClaim } from '../../src/knowledge/index.js';

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
  options: { databasePath: string; input?: string; env?: Record<string, string>; timeoutMs?: number },
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
    timeout: options.timeoutMs ?? 30_000,
    // An export of a large base is tens of megabytes (spawnSync keeps 1 MiB by default, and cuts the rest).
    maxBuffer: 512 * 1024 * 1024,
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

/** A claim visible in a server (`null`: outside any), active or retired, as the knowledge base has it. */
export async function claimOf(kb: KnowledgeBase, id: string, guildId: string | null): Promise<Claim | undefined> {
  return (await kb.scope(guildId).claim(id))?.claim;
}

/** What the matcher makes of a question asked in a server: its answer, if any, and the closest claims (nothing logged). */
export async function matchOf(
  kb: KnowledgeBase,
  question: string,
  guildId: string | null,
): Promise<{ match: ScoredClaim | null; suggestions: ScoredClaim[] }> {
  const answer = await kb.scope(guildId).answer(question, { log: false });
  return { match: answer.claim ? { claim: answer.claim, score: answer.score ?? 0 } : null, suggestions: answer.suggestions };
}

/** A question in the log, read back from the database file (another connection): what was asked, in which server, and what came of it. */
export function loggedQuestion(databasePath: string, askedId: number, guildId: string | null) {
  const db = new Database(databasePath, { readonly: true });
  try {
    const row = db.prepare('SELECT question, outcome, suggested FROM asked WHERE id = ? AND guild_id IS ?').get(askedId, guildId) as
      { question: string; outcome: string; suggested: string | null } | undefined;
    return row && { question: row.question, outcome: row.outcome, suggested: row.suggested ? (JSON.parse(row.suggested) as string[]) : [] };
  } finally {
    db.close();
  }
}

/**
 * Writes a question into the log as another process would (no Discord, no matcher): for a test that needs a
 * question with a given outcome, such as one that was offered `suggested` claims. Returns its id.
 */
export function logQuestion(
  databasePath: string,
  question: {
    guildId: string | null;
    text: string;
    outcome: 'answered' | 'suggested' | 'unanswered';
    claimId?: string;
    score?: number;
    suggested?: string[];
  },
): number {
  const db = new Database(databasePath);
  try {
    const insert = db.prepare('INSERT INTO asked (guild_id, question, asked_at, outcome, claim_id, score, suggested) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const { lastInsertRowid } = insert.run(
      question.guildId,
      question.text,
      new Date().toISOString(),
      question.outcome,
      question.claimId ?? null,
      question.score ?? null,
      question.suggested ? JSON.stringify(question.suggested) : null,
    );
    return Number(lastInsertRowid);
  } finally {
    db.close();
  }
}
