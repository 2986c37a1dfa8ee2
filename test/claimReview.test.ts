// ClaimReview as fact-checkers publish it, through the command line as a user runs it (and the knowledge base's own
// face where many records are compared): every shape a file comes in (a record, an array, a page's @graph with
// other node types, a DataFeed, any mix), verdicts kept next to the confidence, refusals of one line naming the
// file, the record and the field, and a lossless round trip: export → import into an empty database → export gives
// the same bytes, with every field a fact-checker's record came with still there.
//
// Fixtures: test/fixtures/claimreview/google-example.json is Google's own example record from its "Fact check
// (ClaimReview) structured data" guide; the others are synthetic (example.* domains), in French, Spanish, German,
// Italian and Dutch, in the shapes real pages and feeds take.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeBase, readClaimRecords, ValidationError, type Claim, type ClaimFormat } from '../src/knowledge/index.js';
import { claimOf, countAuditRows, GUILD_A, MODERATOR, PROJECT_ROOT, runCli, tempDatabasePath, tempFolder, tramClaim } from './support/knowledge.js';

type Json = Record<string, unknown>;
const FIXTURES = join(PROJECT_ROOT, 'test/fixtures/claimreview');
const fixturePath = (name: string) => join(FIXTURES, name);
const fixture = (name: string): unknown => JSON.parse(readFileSync(fixturePath(name), 'utf8'));
const CORPUS = ['google-example.json', 'graph-page.fr.json', 'feed.json', 'records.json'];

/** The ClaimReview records of a fixture as the file has them (the @graph page's references written out). */
function sourceRecords(name: string): Json[] {
  const doc = fixture(name) as Json;
  if (name === 'google-example.json') return [doc];
  if (name === 'records.json') return doc as unknown as Json[];
  if (name === 'feed.json') {
    return (doc.dataFeedElement as Json[]).flatMap((e) => (Array.isArray(e.item) ? (e.item as Json[]) : [e.item as Json]));
  }
  const graph = doc['@graph'] as Json[];
  const organisation = graph.find((n) => n['@id'] === 'https://verif.example.fr/#organisation');
  const review = graph.find((n) => n['@type'] === 'ClaimReview')!;
  return [{ ...review, author: organisation, publisher: organisation }];
}

async function withKb<T>(databasePath: string, use: (kb: KnowledgeBase) => Promise<T>): Promise<T> {
  const kb = await KnowledgeBase.open({ databasePath });
  try {
    return await use(kb);
  } finally {
    await kb.close();
  }
}

/** Imports parsed documents into GUILD_A of a database, as `claims import --format claimreview` does. */
async function importDocuments(databasePath: string, documents: unknown[], format: ClaimFormat = 'claimreview') {
  return withKb(databasePath, async (kb) => {
    const reports = [];
    for (const document of documents) reports.push(await kb.scope(GUILD_A).import(readClaimRecords(document, format), { by: MODERATOR }));
    return reports;
  });
}

async function exportRecords(databasePath: string, options: { organisation?: string; publicBaseUrl?: string } = {}): Promise<Json[]> {
  return withKb(databasePath, async (kb) => {
    const file = await kb
      .scope(GUILD_A)
      .export('claimreview', { organisation: options.organisation ?? 'factcheck-bot', publicBaseUrl: options.publicBaseUrl });
    return file.content as Json[];
  });
}

const byClaim = (records: Json[], claimReviewed: unknown) => records.find((r) => r.claimReviewed === claimReviewed)!;

describe('claims import --format claimreview reads every shape fact-checkers publish', () => {
  it("imports Google's own example record, rated False: the verdict, the claimant and where the claim appeared", async () => {
    const databasePath = tempDatabasePath();
    const run = runCli(
      'claims',
      ['import', fixturePath('google-example.json'), '--format', 'claimreview', '--guild', GUILD_A, '--actor', MODERATOR],
      {
        databasePath,
      },
    );
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdout).toBe(`Imported 1 ClaimReview record into server ${GUILD_A}: 1 added, 0 updated, 0 unchanged\n`);

    const claim = (await withKb(databasePath, (kb) => claimOf(kb, 'the-world-is-flat', GUILD_A)))!;
    expect(claim).toMatchObject({
      statement: 'The world is flat',
      confidence: 'alleged',
      claimant: 'Square World Society',
      verdict: {
        label: 'False',
        ratingValue: 1,
        bestRating: 5,
        worstRating: 1,
        ratedBy: 'Example.com science watch',
        ratedOn: '2016-06-22',
        url: 'http://example.com/news/science/worldisflat.html',
      },
      sources: [{ name: 'Square Earth - Flat earthers for the Internet age', url: 'http://skeptical.example.net/news/a122121', date: '2016-06-22' }],
    });
    // The record names no explanation: the answer says the verdict, in words.
    expect(claim.answer).toBe('Rated “False” by Example.com science watch.');

    const asked = runCli('ask', ['--guild', GUILD_A, 'Is the world flat?'], { databasePath });
    expect(asked.stdout).toContain('⚠️ Alleged — claimed by Square World Society; not established as fact');
    expect(asked.stdout).toContain('Rated False by Example.com science watch, 2016-06-22 · score 1 (worst 1, best 5)');
  });

  it("reads a page's @graph, passing over its other nodes and writing out the references to its publisher", () => {
    const records = readClaimRecords(fixture('graph-page.fr.json'), 'claimreview');
    expect(records.records).toHaveLength(1);
    expect(Object.fromEntries(records.ignored)).toEqual({ Organization: 1, WebSite: 1, WebPage: 1, BreadcrumbList: 1 });
    const input = records.records[0] as Json;
    expect(input).toMatchObject({
      statement: 'Le pont de la Loire fermera pendant deux ans à partir de mars.',
      answer: 'La préfecture annonce des travaux de nuit sur six semaines ; le pont reste ouvert en journée.',
      confidence: 'alleged',
      claimant: "Un élu d'opposition",
      verdict: { label: 'Faux', ratingValue: 1, bestRating: 5, worstRating: 1, ratedBy: 'Vérif Exemple', ratedOn: '2026-02-14T09:30:00+01:00' },
      // The first appearance once, then the others.
      sources: [
        { name: 'social.example.com', url: 'https://social.example.com/elu/posts/9921' },
        { name: 'video.example.com', url: 'https://video.example.com/watch/4410' },
      ],
    });
    expect((input.claimReview as Json).author).toEqual(sourceRecords('graph-page.fr.json')[0]!.author);
  });

  it('reads a DataFeed, whose items come as a list or one each, and an array of records with Person and Organization authors', () => {
    const feed = readClaimRecords(fixture('feed.json'), 'claimreview').records as Json[];
    expect(feed.map((r) => [r.statement, r.confidence, r.claimant])).toEqual([
      ['El agua del grifo de la ciudad no es potable desde enero.', 'alleged', 'Una cadena de mensajes'],
      ['Die Stadtbibliothek schließt alle Filialen im Sommer.', 'alleged', 'Ein Online-Kommentar'],
    ]);
    // A CreativeWork that names nothing but its url is named by its site; a headline names it otherwise.
    expect(feed.map((r) => r.sources)).toEqual([
      [{ name: 'chat.example.com', url: 'https://chat.example.com/forward/118' }],
      [{ name: 'Bibliothek dicht?', url: 'https://forum.example.de/t/5521' }],
    ]);
    expect(feed[1]!.answer).toBe('Stadtbibliothek: Nur eine Filiale schließt');

    const records = readClaimRecords(fixture('records.json'), 'claimreview').records as Json[];
    // "Vero" (true) gives a confirmed claim; the claimant is still named.
    expect(records[0]).toMatchObject({
      confidence: 'confirmed',
      claimant: 'Un consigliere comunale',
      verdict: { label: 'Vero', ratedBy: 'Verifica Esempio' },
    });
    expect(records[0]!.answer).toBe("L'azienda dei trasporti ha confermato la soppressione dal 1° aprile.");
    expect(records[1]).toMatchObject({
      confidence: 'alleged',
      claimant: 'Een lokale partij',
      verdict: { label: 'Misleidend', ratingValue: 2, bestRating: 4, worstRating: 0, ratedBy: 'J. de Vries' },
      sources: [
        { name: 'partij.example.nl', url: 'https://partij.example.nl/nieuws/parkeren' },
        { name: 'social.example.com', url: 'https://social.example.com/partij/77', date: '2026-04-01', quote: 'Parkeren wordt gratis!' },
      ],
    });
  });

  it('reads every shape mixed in one array, all at once, and a record inside another node', () => {
    const inPage = {
      '@type': 'WebPage',
      name: 'A page',
      mainEntity: { ...(fixture('google-example.json') as Json), claimReviewed: 'The sea is sweet' },
    };
    const records = readClaimRecords([...CORPUS.map(fixture), inPage], 'claimreview');
    expect(records.records).toHaveLength(7);
    expect(records.naming.label(5)).toBe('record 5 (3.1) "Parkeren in het centrum wordt vanaf…"');
    expect(records.naming.label(6)).toBe('record 6 (4.mainEntity) "The sea is sweet"');
  });
});

describe('the round trip', () => {
  it('gives back, byte for byte, what came in from outside and what was made here: export → import into an empty database → export', async () => {
    // A database with the whole corpus and claims of our own (one rated here, with a verdict).
    const first = tempDatabasePath();
    await importDocuments(first, CORPUS.map(fixture));
    await withKb(first, async (kb) => {
      const scope = kb.scope(GUILD_A);
      await scope.import([tramClaim()], { by: MODERATOR });
      await scope.add(
        {
          statement: 'The harbour crane will be demolished this summer.',
          answer: 'The crane is a listed monument; no demolition is planned.',
          confidence: 'alleged',
          claimant: 'A harbour council candidate',
          sources: [{ name: 'Campaign leaflet', date: '2026-02-20', quote: 'the crane goes this summer' }],
          verdict: { label: 'False', ratingValue: 1, bestRating: 5, worstRating: 1, ratedOn: '2026-03-02' },
        },
        { by: MODERATOR },
      );
    });
    const folder = tempFolder();
    const exported = join(folder, 'reviews.json');
    const env = { PUBLIC_BASE_URL: 'https://factcheck.example.org', CLAIMREVIEW_AUTHOR: 'Riverside Gazette fact desk' };
    const out = runCli('claims', ['export', '--format', 'claimreview', '--guild', GUILD_A, '--out', exported], { databasePath: first, env });
    expect(out).toMatchObject({
      status: 0,
      stdout: '',
      stderr: `Exported 8 active claims as ClaimReview records from server ${GUILD_A} to ${exported}\n`,
    });

    const empty = tempDatabasePath();
    const imported = runCli('claims', ['import', exported, '--format', 'claimreview', '--guild', GUILD_A, '--actor', MODERATOR], {
      databasePath: empty,
    });
    expect(imported).toMatchObject({ status: 0, stdout: `Imported 8 ClaimReview records into server ${GUILD_A}: 8 added, 0 updated, 0 unchanged\n` });
    const again = runCli('claims', ['export', '--format', 'claimreview', '--guild', GUILD_A], { databasePath: empty, env });
    expect(again.stdout).toBe(readFileSync(exported, 'utf8'));

    // Every record from outside comes back with what its fact-checker wrote, unchanged.
    const records = JSON.parse(again.stdout) as Json[];
    const item = (r: Json) => (r.itemReviewed ?? {}) as Json;
    const rating = (r: Json) => (r.reviewRating ?? {}) as Json;
    for (const source of CORPUS.flatMap(sourceRecords)) {
      const back = byClaim(records, source.claimReviewed);
      for (const key of ['url', 'author', 'datePublished', 'headline', 'inLanguage', 'reviewBody', 'publisher'])
        expect(back[key], key).toEqual(source[key]);
      for (const key of ['author', 'datePublished', 'appearance', 'firstAppearance'])
        expect(item(back)[key], `itemReviewed.${key}`).toEqual(item(source)[key]);
      for (const key of ['alternateName', 'ratingValue', 'bestRating', 'worstRating'])
        expect(rating(back)[key], `reviewRating.${key}`).toEqual(rating(source)[key]);
    }

    // Our own: the claims are the same in the new database, the verdict and our fields with them.
    const [before, after] = await Promise.all([first, empty].map((db) => withKb(db, (kb) => kb.scope(GUILD_A).list())));
    const content = (claims: Claim[]) =>
      [...claims]
        .sort((a, b) => a.id.localeCompare(b.id))
        .map(({ id, statement, answer, confidence, claimant, sources, questions, keywords, tags, verdict, reviewedAt }) => ({
          ...{ id, statement, answer, confidence, claimant, sources, questions, keywords, tags, verdict, reviewedAt },
        }));
    expect(content(after!)).toEqual(content(before!));
  });

  it('writes anew only the parts a moderator changed, and keeps the rest of a record as it came in', async () => {
    const databasePath = tempDatabasePath();
    await importDocuments(databasePath, [fixture('google-example.json')]);
    await withKb(databasePath, async (kb) => {
      const scope = kb.scope(GUILD_A);
      const claim = (await claimOf(kb, 'the-world-is-flat', GUILD_A))!;
      await scope.edit(
        claim.id,
        {
          statement: claim.statement,
          answer: 'Satellite images and centuries of navigation show the Earth is round.',
          confidence: 'alleged',
          claimant: claim.claimant,
          sources: claim.sources,
        },
        { by: MODERATOR, note: 'An answer in words, not only the rating.' },
      );
    });
    const [record] = await exportRecords(databasePath);
    const google = fixture('google-example.json') as Json;
    // The answer is the rating's explanation now; the rating itself, the reviewer, the claim and its appearance are the file's.
    expect(record!.reviewRating).toEqual({
      ...(google.reviewRating as Json),
      ratingExplanation: 'Satellite images and centuries of navigation show the Earth is round.',
    });
    expect(record!.itemReviewed).toEqual(google.itemReviewed);
    expect(record!.author).toEqual(google.author);
    expect(record!.datePublished).toBe('2016-06-22');
    expect(record!.dateModified).not.toBe(undefined);
  });
});

describe('refusals', () => {
  const google = () => fixture('google-example.json') as Json;
  const broken: Array<[string, () => unknown, string]> = [
    [
      'no rating',
      () => ({ ...google(), reviewRating: undefined }),
      'record 0 "The world is flat": reviewRating: missing: the rating (a Rating with alternateName, e.g. "False")',
    ],
    [
      'a rating with no text',
      () => [
        { ...google(), claimReviewed: 'The moon is made of cheese' },
        { ...google(), reviewRating: { '@type': 'Rating', ratingValue: '1' } },
      ],
      'record 1 "The world is flat": reviewRating.alternateName: missing: the textual rating (e.g. "False")',
    ],
    [
      'an appearance that is no URL, in a DataFeed',
      () => ({
        '@type': 'DataFeed',
        dataFeedElement: [
          { '@type': 'DataFeedItem', item: { ...google(), itemReviewed: { '@type': 'Claim', appearance: ['https://example.org/a', 'not a link'] } } },
        ],
      }),
      'record 0 (dataFeedElement.0.item) "The world is flat": itemReviewed.appearance.1: must be an http(s) URL',
    ],
    ['no claim reviewed', () => ({ ...google(), claimReviewed: undefined }), 'record 0: claimReviewed: missing: the claim reviewed, as text'],
    [
      'a date that is no date',
      () => ({ ...google(), datePublished: '22/06/2016' }),
      'record 0 "The world is flat": datePublished: must be an ISO 8601 date (YYYY-MM-DD, or a date-time)',
    ],
    [
      'a rating off its own scale',
      () => ({ ...google(), reviewRating: { '@type': 'Rating', alternateName: 'False', ratingValue: 7, bestRating: 5, worstRating: 1 } }),
      'record 0 "The world is flat": reviewRating.ratingValue: 7 is outside the scale 1 (worst) to 5 (best)',
    ],
    [
      'a review url that is no URL',
      () => ({ ...google(), url: 'example.com/news/flat' }),
      'record 0 "The world is flat": url: must be an http(s) URL',
    ],
  ];

  it.each(broken)(
    'refuses %s with one line naming the file, the record and the field; validate says the same; nothing is written',
    async (_, make, line) => {
      const databasePath = tempDatabasePath();
      await importDocuments(databasePath, [fixture('records.json')]);
      const before = runCli('claims', ['export', '--guild', GUILD_A], { databasePath }).stdout;
      const audits = countAuditRows(databasePath);
      const file = join(tempFolder(), 'broken.json');
      writeFileSync(file, JSON.stringify(make()));

      const validate = runCli('claims', ['validate', file, '--format', 'claimreview'], { databasePath });
      expect(validate).toMatchObject({ status: 2, stdout: '', stderr: `${file}: ${line}\n` });
      const run = runCli('claims', ['import', file, '--format', 'claimreview', '--guild', GUILD_A], { databasePath });
      expect(run).toMatchObject({ status: 2, stdout: '', stderr: `${file}: ${line}; nothing imported\n` });
      expect(runCli('claims', ['export', '--guild', GUILD_A], { databasePath }).stdout).toBe(before);
      expect(countAuditRows(databasePath)).toBe(audits);
    },
  );

  it('quotes the claim of a record through the printable helper: one line, no control characters', () => {
    const record = {
      ...(fixture('google-example.json') as Json),
      claimReviewed: 'Line one\nline two\u202e and a very long tail that goes on and on',
      url: 'nope',
    };
    expect(() => readClaimRecords(record, 'claimreview')).toThrow(ValidationError);
    try {
      readClaimRecords(record, 'claimreview');
    } catch (error) {
      expect((error as ValidationError).issues).toEqual(['record 0 "Line one\\u{a}line two\\u{202e} and a very…": url: must be an http(s) URL']);
    }
  });

  it('tells a user who forgot --format claimreview to add it, and one who gave it for a claim file to leave it out', () => {
    const databasePath = tempDatabasePath();
    for (const name of ['google-example.json', 'records.json', 'graph-page.fr.json']) {
      const run = runCli('claims', ['import', fixturePath(name), '--guild', GUILD_A], { databasePath });
      expect(run).toMatchObject({ status: 2, stdout: '' });
      expect(run.stderr).toBe(`${fixturePath(name)}: holds schema.org JSON-LD (ClaimReview), not claim records: add --format claimreview\n`);
    }
    const claims = join(tempFolder(), 'claims.json');
    writeFileSync(claims, JSON.stringify([tramClaim(), tramClaim({ id: 'second' })]));
    expect(runCli('claims', ['validate', claims, '--format', 'claimreview'], { databasePath })).toMatchObject({
      status: 2,
      stderr: `${claims}: no ClaimReview record: 2 elements without @type (a claim file? import it without --format claimreview)\n`,
    });
  });
});

describe("export for Google's fact-check tools", () => {
  it('gives every record what the guidance requires and recommends, dated when first published, not when last re-checked', async () => {
    const databasePath = tempDatabasePath();
    const added = await withKb(databasePath, async (kb) => {
      const scope = kb.scope(GUILD_A);
      await scope.import(
        [
          tramClaim({
            id: 'stadium-roof',
            statement: 'The stadium roof will be replaced in 2027.',
            answer: 'The club chairman said so; the council has no planning application yet.',
            confidence: 'alleged',
            claimant: 'The club chairman',
            sources: [
              { name: 'Club statement', url: 'https://example.org/club', date: '2026-02-01', quote: 'a new roof for 2027' },
              { name: 'Local radio interview', date: '2026-01-15' },
            ],
          }),
        ],
        { by: MODERATOR },
      );
      await scope.review('stadium-roof', { by: MODERATOR });
      return (await claimOf(kb, 'stadium-roof', GUILD_A))!;
    });
    const [record] = await exportRecords(databasePath, {
      organisation: 'Riverside Gazette fact desk',
      publicBaseUrl: 'https://factcheck.example.org/',
    });
    expect(record).toEqual({
      '@context': ['https://schema.org', { fc: 'urn:factcheck-bot:' }],
      '@type': 'ClaimReview',
      url: 'https://factcheck.example.org/claims/stadium-roof',
      identifier: 'stadium-roof',
      claimReviewed: 'The stadium roof will be replaced in 2027.',
      datePublished: added.createdAt.slice(0, 10),
      dateModified: added.updatedAt,
      author: { '@type': 'Organization', name: 'Riverside Gazette fact desk', url: 'https://factcheck.example.org' },
      reviewRating: { '@type': 'Rating', alternateName: 'Alleged', ratingExplanation: added.answer },
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Organization', name: 'The club chairman' },
        appearance: [
          {
            '@type': 'CreativeWork',
            name: 'Club statement',
            url: 'https://example.org/club',
            datePublished: '2026-02-01',
            text: 'a new roof for 2027',
          },
          { '@type': 'CreativeWork', name: 'Local radio interview', datePublished: '2026-01-15' },
        ],
        datePublished: '2026-01-15',
      },
      keywords: ['tram', 'council vote'],
      'fc:questions': ['Did the council approve the tram line?'],
      'fc:tags': [],
      'fc:reviewedAt': added.reviewedAt,
    });
  });

  it('warns how many records lack a url and why, and writes the DataFeed form, which imports back', async () => {
    const databasePath = tempDatabasePath();
    await importDocuments(databasePath, [fixture('google-example.json')]);
    await withKb(databasePath, (kb) => kb.scope(GUILD_A).import([tramClaim()], { by: MODERATOR }));
    const feedFile = join(tempFolder(), 'feed.json');
    const run = runCli('claims', ['export', '--format', 'datafeed', '--guild', GUILD_A, '--out', feedFile], { databasePath });
    expect(run.status).toBe(0);
    expect(run.stderr.split('\n')).toEqual([
      `Exported 2 active claims as a ClaimReview DataFeed from server ${GUILD_A} to ${feedFile}`,
      "warning: 1 of 2 records has no url, which Google's fact-check guidance requires: they are claims rated here, and PUBLIC_BASE_URL (where you publish your fact checks) is not set",
      '',
    ]);
    const feed = JSON.parse(readFileSync(feedFile, 'utf8')) as Json;
    expect(feed['@type']).toBe('DataFeed');
    const items = (feed.dataFeedElement as Json[]).map((e) => e.item as Json);
    expect((feed.dataFeedElement as Json[]).map((e) => e['@type'])).toEqual(['DataFeedItem', 'DataFeedItem']);
    expect(items.map((i) => i.url)).toEqual([undefined, 'http://example.com/news/science/worldisflat.html']);

    const empty = tempDatabasePath();
    const back = runCli('claims', ['import', feedFile, '--format', 'claimreview', '--guild', GUILD_A, '--actor', MODERATOR], { databasePath: empty });
    expect(back.stdout).toBe(`Imported 2 ClaimReview records into server ${GUILD_A}: 2 added, 0 updated, 0 unchanged\n`);
    expect(runCli('claims', ['export', '--format', 'datafeed', '--guild', GUILD_A], { databasePath: empty }).stdout).toBe(
      readFileSync(feedFile, 'utf8'),
    );
  });
});

describe('re-import', () => {
  it('recognises records without an identifier by their review url, or by the claim reviewed and who rated it', async () => {
    const databasePath = tempDatabasePath();
    const google = fixture('google-example.json') as Json;
    const noUrl = { ...google, url: undefined, claimReviewed: 'The moon landing was staged' };
    expect((await importDocuments(databasePath, [[google, noUrl]]))[0]).toEqual({ added: 2, updated: 0, unchanged: 0 });
    expect((await importDocuments(databasePath, [[google, noUrl]]))[0]).toEqual({ added: 0, updated: 0, unchanged: 2 });
    // A corrected rating from the same fact-checker updates the claim it is about, whatever else changed.
    const corrected = {
      ...google,
      claimReviewed: 'The world is flat (as posted)',
      reviewRating: { '@type': 'Rating', alternateName: 'Pants on Fire' },
    };
    const noUrlAgain = { ...noUrl, reviewBody: 'Hundreds of hours of footage and 382 kg of returned samples.' };
    expect((await importDocuments(databasePath, [[corrected, noUrlAgain]]))[0]).toEqual({ added: 0, updated: 2, unchanged: 0 });
    const claims = await withKb(databasePath, (kb) => kb.scope(GUILD_A).list());
    expect(claims.map((c) => [c.id, c.statement, c.verdict?.label]).sort()).toEqual([
      ['the-moon-landing-was-staged', 'The moon landing was staged', 'False'],
      ['the-world-is-flat', 'The world is flat (as posted)', 'Pants on Fire'],
    ]);
  });
});

describe('verdicts and confidence', () => {
  it('maps a rating true as stated to confirmed and any other to alleged, and our own ratings to that confidence with no verdict', () => {
    const rated = (alternateName: string) =>
      readClaimRecords({ ...(fixture('google-example.json') as Json), reviewRating: { '@type': 'Rating', alternateName } }, 'claimreview')
        .records[0] as Json;
    for (const label of ['True', 'true.', 'Vrai', 'Verdadero', 'Wahr', 'Correct']) expect(rated(label).confidence, label).toBe('confirmed');
    for (const label of ['False', 'Mostly true', 'Half true', 'Misleading', 'Pants on Fire', 'Unproven', 'Satire', 'Faux', 'Falsch']) {
      expect(rated(label).confidence, label).toBe('alleged');
      expect(rated(label).verdict).toMatchObject({ label });
    }
    expect(rated('Confirmed')).toMatchObject({ confidence: 'confirmed' });
    expect(rated('Alleged')).toMatchObject({ confidence: 'alleged', claimant: 'Square World Society' });
    expect(rated('Alleged').verdict).toBeUndefined();
  });

  it('refuses a claim file whose confidence is not the one its verdict gives, naming the field', () => {
    const file = join(tempFolder(), 'claims.json');
    writeFileSync(file, JSON.stringify([tramClaim({ verdict: { label: 'False' } })]));
    expect(runCli('claims', ['validate', file], { databasePath: tempDatabasePath() })).toMatchObject({
      status: 2,
      stderr: `${file}: claim 0 (council-approved-tram-line): confidence: must be "alleged" for a claim rated "False"\n`,
    });
  });
});
