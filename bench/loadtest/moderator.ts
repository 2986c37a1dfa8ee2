// The moderator of one server, through the HTTP face as Discord's client drives it: a claim added with the claim
// form, then its answer corrected (`/claim edit` opens the form, the submit asks for a public correction note, its
// button opens the note form, and submitting the note saves the edit). And a member's /factcheck, to see which
// answer a worker gives.
import { snowflake, type FakeDiscord, type PostedInteraction } from '../../test/support/fakeDiscord.js';
import { member, moderator, type Callback } from '../../test/support/discordPayloads.js';

const MODERATOR_ID = '7300000000000000101';

export const LOCAL_CLAIM = {
  statement: 'The Millbrook public library reopens after its roof repair.',
  question: 'When does the Millbrook public library reopen after the roof repair?',
  answer: 'The town council says the Millbrook library reopens on 3 March, once the roof repair is finished.',
  corrected: 'The town council now says the Millbrook library reopens on 17 March: the roof repair took two more weeks.',
};

/**
 * The fake Discord, the server the moderator curates (a new id each run, so a database kept from a previous run,
 * as a PostgreSQL one may be, holds nothing of it yet), and every interaction posted through it here (the load test
 * counts their answers too).
 */
export interface Session {
  fake: FakeDiscord;
  guildId: string;
  posted: PostedInteraction[];
}

export const newSession = (fake: FakeDiscord): Session => ({ fake, guildId: snowflake(), posted: [] });

async function post(session: Session, endpoint: string, payload: Parameters<FakeDiscord['postInteraction']>[1]): Promise<Callback> {
  const posted = await session.fake.postInteraction(endpoint, payload);
  session.posted.push(posted);
  return finalReply(session.fake, posted);
}

/** What the user finally sees: the response, or for a deferred one the edit of its reply. */
async function finalReply(fake: FakeDiscord, posted: PostedInteraction): Promise<Callback> {
  if (posted.status !== 200 || !posted.accepted) throw new Error(`the worker answered ${posted.status}: ${JSON.stringify(posted.body)}`);
  const body = posted.body as Callback;
  if (body.type !== 5) return body;
  return { type: 4, data: await fake.waitForEdit(posted.token, 10_000) };
}

export async function addLocalClaim(session: Session, endpoint: string): Promise<string> {
  const added = await post(
    session,
    endpoint,
    session.fake.modalSubmit({
      customId: 'claim:add',
      components: {
        statement: LOCAL_CLAIM.statement,
        answer: LOCAL_CLAIM.answer,
        confidence: 'confirmed',
        claimant: '',
        sources: 'Town council notice | https://example.org/millbrook-library | 2026-11-20',
      },
      ...moderator(session.guildId, MODERATOR_ID),
    }),
  );
  const id = /`([a-z0-9-]+)`/.exec(added.data?.content ?? '')?.[1];
  if (!id) throw new Error(`the claim form did not save: ${JSON.stringify(added.data)}`);
  return id;
}

/**
 * Corrects the claim's answer through one worker; resolves when the moderator is told it is saved. `submitting` is
 * called as the note (the step that saves) is sent.
 */
export async function correctAnswer(session: Session, endpoint: string, id: string, submitting: () => void): Promise<void> {
  const form = await post(
    session,
    endpoint,
    session.fake.chatInput({ name: 'claim', subcommand: 'edit', options: { id }, ...moderator(session.guildId, MODERATOR_ID) }),
  );
  if (form.type !== 9) throw new Error(`/claim edit did not open the form: ${JSON.stringify(form.data)}`);
  const asked = await post(
    session,
    endpoint,
    session.fake.modalSubmit({
      customId: form.data!.custom_id!,
      components: {
        statement: LOCAL_CLAIM.statement,
        answer: LOCAL_CLAIM.corrected,
        confidence: 'confirmed',
        claimant: '',
        sources: 'Town council notice | https://example.org/millbrook-library | 2026-11-20',
      },
      ...moderator(session.guildId, MODERATOR_ID),
    }),
  );
  const button = asked.data?.components?.[0]?.components?.[0];
  if (!button?.custom_id) throw new Error(`the edit did not ask for a correction note: ${JSON.stringify(asked.data)}`);
  const noteForm = await post(session, endpoint, session.fake.button({ customId: button.custom_id, ...moderator(session.guildId, MODERATOR_ID) }));
  if (noteForm.type !== 9) throw new Error(`the note button did not open its form: ${JSON.stringify(noteForm.data)}`);
  submitting();
  const saved = await post(
    session,
    endpoint,
    session.fake.modalSubmit({
      customId: button.custom_id,
      components: { note: 'The council moved the reopening date.' },
      ...moderator(session.guildId, MODERATOR_ID),
    }),
  );
  if (!saved.data?.content?.startsWith('Updated claim')) throw new Error(`the edit was not saved: ${JSON.stringify(saved.data)}`);
}

let asker = 7300000000000100000n;

/** The answer one worker gives a member of the server asking about the claim (its text), or null for none. */
export async function localAnswer(session: Session, endpoint: string): Promise<string | null> {
  const who = member(session.guildId, String(asker++));
  const reply = await post(session, endpoint, session.fake.chatInput({ name: 'factcheck', options: { question: LOCAL_CLAIM.question }, ...who }));
  return reply.data?.embeds?.[0]?.description ?? null;
}
