// The curated claim base as shipped: it loads into a fresh database, and every claim is sourced to the seed article.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Claim, KnowledgeBase, readCuratedFile } from '../src/knowledge/index.js';
import { tempDatabasePath } from './support/knowledge.js';

const ARTICLE = fileURLToPath(new URL('../../shared/seed/article.txt', import.meta.url));
const haveArticle = existsSync(ARTICLE);

let kb: KnowledgeBase;
let claims: Claim[];

beforeAll(async () => {
  kb = await KnowledgeBase.open({ databasePath: tempDatabasePath() });
  claims = await kb.scope(null).visible();
});
afterAll(() => kb.close());

describe('the curated claim base', () => {
  it('loads whole into a fresh database, every claim valid against the Claim schema', () => {
    const records = readCuratedFile() as unknown[];
    expect(kb.syncReport).toEqual({ added: records.length, updated: 0, unchanged: 0, retired: 0 });
    expect(claims).toHaveLength(records.length);
    for (const claim of claims) {
      const parsed = Claim.safeParse(claim);
      expect(parsed.success, `${claim.id}: ${parsed.error?.message}`).toBe(true);
      expect(claim).toMatchObject({ status: 'active', guildId: null, createdBy: 'curated' });
    }
  });

  it('has at least 14 claims', () => {
    expect(claims.length).toBeGreaterThanOrEqual(14);
  });

  it('names who makes every alleged claim', () => {
    const alleged = claims.filter((c) => c.confidence === 'alleged');
    expect(alleged.length).toBeGreaterThan(0);
    for (const claim of alleged) expect(claim.claimant?.trim(), claim.id).toBeTruthy();
  });

  it('gives no source a url or date (the seed article has neither)', () => {
    for (const claim of claims) {
      for (const source of claim.sources) {
        expect(source.url, claim.id).toBeUndefined();
        expect(source.date, claim.id).toBeUndefined();
      }
    }
  });

  it.skipIf(!haveArticle)(
    haveArticle ? 'quotes the seed article verbatim in every source quote' : `quotes the seed article verbatim (skipped: ${ARTICLE} not found)`,
    () => {
      const article = readFileSync(ARTICLE, 'utf8');
      for (const claim of claims) {
        expect(
          claim.sources.some((s) => s.quote),
          `${claim.id} quotes the article`,
        ).toBe(true);
        for (const source of claim.sources) {
          if (source.quote !== undefined) expect(article.includes(source.quote), `${claim.id}: "${source.quote}"`).toBe(true);
        }
      }
    },
  );
});
