// Verdicts in Discord, through the real discord.js client and a fake Discord: a fact-checker's rating is shown on the
// /factcheck answer next to the confidence, whether it came in with a ClaimReview import or a moderator set it with
// /claim add (carried to the form it opens) or /claim edit (a correction, with its public note).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readClaimRecords } from '../src/knowledge/index.js';
import { startTestBot, type TestBot } from './support/botHarness.js';
import { claimOf } from './support/knowledge.js';
import { EPHEMERAL, finalReply, moderator, type Callback, type Embed, type Who } from './support/discordPayloads.js';

const GUILD = '2400000000000000001';
const OTHER_GUILD = '2400000000000000002';
const MOD = '2400000000000000101';
const OTHER_MOD = '2400000000000000102';
const MEMBER = '2400000000000000103';
const mod = moderator(GUILD, MOD);

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(async () => {
  await t?.stop();
});

const today = () => new Date().toISOString().slice(0, 10);

async function command(name: string, options: Record<string, string | number>, who: Who, subcommand?: string): Promise<Callback> {
  const sent = t.fake.sendInteraction(t.fake.chatInput({ name, ...(subcommand ? { subcommand } : {}), options, ...who }));
  return finalReply(t.fake, sent);
}
const claimCommand = (sub: string, options: Record<string, string | number>, who: Who = mod) => command('claim', options, who, sub);

async function submit(customId: string, values: Record<string, string>, who: Who = mod): Promise<Callback> {
  return finalReply(t.fake, t.fake.sendInteraction(t.fake.modalSubmit({ customId, components: values, ...who })));
}

async function press(customId: string, who: Who = mod): Promise<Callback> {
  const { id } = t.fake.sendInteraction(t.fake.button({ customId, ...who }));
  return (await t.fake.waitForCallback(id, 5000)) as Callback;
}

/** The answer embed a member of the server gets for a question. */
async function answerTo(question: string): Promise<Embed> {
  const cb = await command('factcheck', { question }, { guildId: GUILD, userId: MEMBER, permissions: '0' });
  expect(cb.type).toBe(4);
  return cb.data!.embeds![0]!;
}
const field = (embed: Embed, name: string) => embed.fields?.find((f) => f.name === name)?.value;

describe('a verdict on the answer', () => {
  it('shows the rating of an imported ClaimReview next to the confidence, naming the claimant and the fact-checker', async () => {
    const records = readClaimRecords(
      {
        '@context': 'https://schema.org',
        '@type': 'ClaimReview',
        url: 'https://checkers.example.org/2026/03/harbour-crane',
        claimReviewed: 'The old harbour crane will be demolished this summer.',
        datePublished: '2026-03-02',
        author: { '@type': 'Organization', name: 'Example Checkers', url: 'https://checkers.example.org' },
        reviewRating: { '@type': 'Rating', alternateName: 'False', ratingValue: 1, bestRating: 5, worstRating: 1 },
        reviewBody: 'The port authority listed the crane as a protected monument in January; no demolition is planned.',
        itemReviewed: {
          '@type': 'Claim',
          author: { '@type': 'Person', name: 'A harbour council candidate', jobTitle: 'Candidate' },
          appearance: 'https://social.example.com/posts/4471',
        },
      },
      'claimreview',
    );
    await t.kb.scope(GUILD).import(records, { by: MOD });

    const embed = await answerTo('Is the harbour crane being demolished this summer?');
    expect(embed.title).toBe('The old harbour crane will be demolished this summer.');
    expect(field(embed, 'Confidence')).toBe('⚠️ **Alleged — claimed by A harbour council candidate; not established as fact**');
    expect(field(embed, 'Verdict')).toBe(
      'Rated **False** by Example Checkers, 2026-03-02 · score 1 (worst 1, best 5) · [the fact check](https://checkers.example.org/2026/03/harbour-crane)',
    );
    expect(field(embed, 'Source')).toBe('• [social.example.com](https://social.example.com/posts/4471)');
    expect(embed.fields!.map((f) => f.name)).toEqual(['Confidence', 'Verdict', 'Source', 'Last reviewed']);
  });
});

describe('/claim add with a verdict', () => {
  it('opens the form titled with the verdict and its confidence filled in, and saves the claim with it', async () => {
    const modal = await claimCommand('add', {
      verdict: 'Mostly false',
      rated_by: 'Example Checkers',
      rated_on: '2026-04-10',
      review_url: 'https://checkers.example.org/2026/04/ferry-fares',
      rating_value: 2,
      best_rating: 5,
      worst_rating: 1,
    });
    expect(modal.type).toBe(9);
    expect(modal.data!.custom_id).toMatch(/^claim:add-rated:[A-Za-z0-9_-]{12}$/);
    expect(modal.data!.title).toBe('Add a claim rated Mostly false');
    // The confidence is a select (issue 10's form): the verdict's confidence is the one chosen.
    const confidence = modal.data!.components!.find((label) => label.component?.custom_id === 'confidence')!.component!;
    expect(confidence.options?.filter((o) => o.default).map((o) => o.value)).toEqual(['alleged']);
    expect(modal.data!.components).toHaveLength(5);

    const form = {
      statement: 'Ferry fares to Hollow Island doubled this year.',
      answer: 'Fares rose from 4.00 to 5.20 in January: 30%, not 100%.',
      confidence: 'alleged',
      claimant: 'A leaflet handed out at the pier',
      sources: 'Ferry operator fare table | https://example.org/ferry/fares | 2026-01-05',
    };
    // Another moderator, or another server, cannot use the verdict waiting for this form.
    const stranger = await submit(modal.data!.custom_id!, form, moderator(GUILD, OTHER_MOD));
    expect(stranger.data!.content).toMatch(/^\*\*Not saved\*\* — the verdict you chose with `\/claim add` is no longer waiting/);
    expect(await submit(modal.data!.custom_id!, form, moderator(OTHER_GUILD, MOD))).toMatchObject({ data: { flags: EPHEMERAL } });

    const saved = await submit(modal.data!.custom_id!, form);
    expect(saved.data!.content).toMatch(/^Added claim `ferry-fares-to-hollow-island-doubled-this-year`/);
    const claim = (await claimOf(t.kb, 'ferry-fares-to-hollow-island-doubled-this-year', GUILD))!;
    expect(claim.verdict).toEqual({
      label: 'Mostly false',
      ratingValue: 2,
      bestRating: 5,
      worstRating: 1,
      ratedBy: 'Example Checkers',
      ratedOn: '2026-04-10',
      url: 'https://checkers.example.org/2026/04/ferry-fares',
    });
    expect(field(await answerTo('Did the Hollow Island ferry fares double?'), 'Verdict')).toMatch(
      /^Rated \*\*Mostly false\*\* by Example Checkers, 2026-04-10 · score 2 \(worst 1, best 5\)/,
    );
    // The verdict was used: the same form cannot be submitted with it twice.
    expect((await submit(modal.data!.custom_id!, form)).data!.content).toMatch(/no longer waiting for this form/);
  });

  it('refuses a confidence the verdict does not give, and bad verdict options before any form opens', async () => {
    const modal = await claimCommand('add', { verdict: 'False' });
    const refused = await submit(modal.data!.custom_id!, {
      statement: 'The lighthouse is to be sold to a hotel chain.',
      answer: 'The council has not put the lighthouse up for sale.',
      confidence: 'confirmed',
      claimant: '',
      sources: 'Council property register',
    });
    expect(refused.data!.content).toContain('• confidence: must be "alleged" for a claim rated "False"');

    const badUrl = await claimCommand('add', { verdict: 'False', review_url: 'ftp://checkers.example.org/x' });
    expect(badUrl.type).toBe(4);
    expect(badUrl.data!.content).toBe('Not saved:\n• review_url: must be an http(s) URL');
    const badScale = await claimCommand('add', { verdict: 'False', rating_value: 9, best_rating: 5, worst_rating: 1 });
    expect(badScale.data!.content).toBe('Not saved:\n• rating_value: 9 is outside the scale 1 (worst) to 5 (best)');
    const noVerdict = await claimCommand('add', { rated_by: 'Example Checkers' });
    expect(noVerdict.data!.content).toBe('Not saved:\n• verdict: choose one to go with rated_by');
  });
});

describe('/claim edit with a verdict', () => {
  it('changes only the verdict (and the confidence it gives) as a correction with a public note, and None removes it', async () => {
    const claim = await t.kb.scope(GUILD).add(
      {
        statement: 'The town pool reopens in June.',
        answer: 'The pool operator says repairs finish in May and it reopens on 1 June.',
        confidence: 'alleged',
        claimant: 'The pool operator',
        sources: [{ name: 'Operator newsletter', url: 'https://example.org/pool' }],
      },
      { by: MOD },
    );
    const asked = await claimCommand('edit', { id: claim.id, verdict: 'True', rated_by: 'Example Checkers', rated_on: '2026-05-20' });
    expect(asked.data!.content).toMatch(new RegExp(`^This changes the confidence and verdict of \`${claim.id}\` — corrections are public`));
    expect((await claimOf(t.kb, claim.id, GUILD))!.verdict).toBeUndefined();
    const button = asked.data!.components![0]!.components![0]!;
    expect((await press(button.custom_id!)).type).toBe(9);
    const note = 'Checked with the operator: reopening confirmed for 1 June.';
    const saved = await submit(button.custom_id!, { note });
    expect(saved.data!.content).toBe(`Updated claim \`${claim.id}\`. Changed: confidence, verdict. Answers now show “Updated ${today()}: ${note}”.`);

    const embed = await answerTo('When does the town pool reopen?');
    expect(field(embed, 'Confidence')).toBe('✅ **Confirmed** — established: reported as fact or on the record');
    expect(field(embed, 'Verdict')).toBe('Rated **True** by Example Checkers, 2026-05-20');
    const rated = (await claimOf(t.kb, claim.id, GUILD))!;
    expect(rated).toMatchObject({ confidence: 'confirmed', claimant: 'The pool operator', answer: claim.answer, sources: claim.sources });

    const again = await claimCommand('edit', { id: claim.id, verdict: 'True', rated_by: 'Example Checkers', rated_on: '2026-05-20' });
    expect(again.data!.content).toBe(`\`${claim.id}\` has that verdict already. Nothing was changed.`);

    const removing = await claimCommand('edit', { id: claim.id, verdict: 'none' });
    const removeButton = removing.data!.components![0]!.components![0]!;
    await press(removeButton.custom_id!);
    await submit(removeButton.custom_id!, { note: 'The verdict was for last year’s repairs; removed.' });
    const removed = (await claimOf(t.kb, claim.id, GUILD))!;
    expect(removed.verdict).toBeUndefined();
    expect(removed.confidence).toBe('confirmed');
    expect(field(await answerTo('When does the town pool reopen?'), 'Verdict')).toBeUndefined();
  });

  it('does not rate as alleged a claim that names no claimant, and keeps the verdict through an edit of the form', async () => {
    const unnamed = await t.kb.scope(GUILD).add(
      {
        statement: 'The bakery on Mill Street closed for good.',
        answer: 'The bakery closed on 3 March; the owners retired.',
        confidence: 'confirmed',
        sources: [{ name: 'Shop notice' }],
      },
      { by: MOD },
    );
    const refused = await claimCommand('edit', { id: unnamed.id, verdict: 'False' });
    expect(refused.data!.content).toBe(
      `A claim rated “False” is alleged, so it names who claims it, and \`${unnamed.id}\` has no claimant: add one with \`/claim edit id:${unnamed.id}\` (the form) first. Nothing was changed.`,
    );

    // The form has no verdict field: saving it keeps the claim's verdict.
    const rated = (await claimOf(t.kb, 'ferry-fares-to-hollow-island-doubled-this-year', GUILD))!;
    const modal = await claimCommand('edit', { id: rated.id });
    // The form names the version of the claim it was opened on (issue 13).
    expect(modal.data!.custom_id).toMatch(new RegExp(`^claim:edit:${rated.id}_\\d+$`));
    await submit(modal.data!.custom_id!, {
      statement: rated.statement,
      answer: rated.answer,
      confidence: 'alleged',
      claimant: rated.claimant!,
      sources: 'Ferry operator fare table | https://example.org/ferry/fares | 2026-01-05\nHarbour radio',
    });
    const edited = (await claimOf(t.kb, rated.id, GUILD))!;
    expect(edited.sources).toHaveLength(2);
    expect(edited.verdict).toEqual(rated.verdict);
  });
});
