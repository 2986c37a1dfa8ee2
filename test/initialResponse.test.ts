// What an HTTP interaction's late answer becomes once the deadline sent a deferral: the webhook calls Discord
// takes after that deferral, for each kind of interaction (the endpoint tests show commands end to end).
import { InteractionResponseType, InteractionType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { InitialResponse, LateAnswerError, NOT_ANSWERED } from '../src/http/initialResponse.js';

const ref = (type: InteractionType) => ({ type, applicationId: '77', token: 'tok' });
// Routes.webhookMessage() percent-encodes the @, as discord.js's own edits of a reply do.
const ORIGINAL = '/webhooks/77/tok/messages/%40original';
const FOLLOW_UP = '/webhooks/77/tok';

describe('an answer in time', () => {
  it('is the HTTP response, and nothing goes over REST', async () => {
    const initial = new InitialResponse(ref(InteractionType.ApplicationCommand));
    const answer = { type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'hi' } };
    expect(initial.take(answer)).toEqual([]);
    initial.expire();
    expect(await initial.body).toEqual(answer);
    expect(initial.finish()).toEqual([]);
  });

  it('says it has no answer when routing ended without one', async () => {
    const initial = new InitialResponse(ref(InteractionType.MessageComponent));
    expect(initial.finish()).toEqual([]);
    expect(await initial.body).toEqual({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: NOT_ANSWERED, flags: 64 } });
  });
});

describe('after the deadline', () => {
  it('a button is acknowledged silently; its update edits the message, its reply is a follow-up with its flags', async () => {
    const update = new InitialResponse(ref(InteractionType.MessageComponent));
    update.expire();
    expect(await update.body).toEqual({ type: InteractionResponseType.DeferredMessageUpdate });
    expect(update.take({ type: InteractionResponseType.UpdateMessage, data: { content: 'page 2' } })).toEqual([
      { method: 'PATCH', route: ORIGINAL, body: { content: 'page 2' } },
    ]);
    const reply = new InitialResponse(ref(InteractionType.MessageComponent));
    reply.expire();
    expect(reply.take({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'thanks', flags: 64, tts: false } })).toEqual([
      { method: 'POST', route: FOLLOW_UP, body: { content: 'thanks', flags: 64 } },
    ]);
    expect(reply.finish()).toEqual([]);
  });

  it('a command nobody answered is told so, in place of "thinking…"', () => {
    const initial = new InitialResponse(ref(InteractionType.ApplicationCommand));
    initial.expire();
    expect(initial.finish()).toEqual([{ method: 'PATCH', route: ORIGINAL, body: { content: NOT_ANSWERED } }]);
  });

  it('a form cannot follow "thinking…", and a form submit that defers itself is left to its own edit', () => {
    const command = new InitialResponse(ref(InteractionType.ApplicationCommand));
    command.expire();
    expect(() => command.take({ type: InteractionResponseType.Modal, data: { custom_id: 'x' } })).toThrow(LateAnswerError);
    // The router's failure message (with its error id) then takes the place of "thinking…".
    expect(command.take({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'error id 1', flags: 64 } })).toEqual([
      { method: 'PATCH', route: ORIGINAL, body: { content: 'error id 1' } },
    ]);
    expect(() => command.take({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'again' } })).toThrow(LateAnswerError);
    expect(command.finish()).toEqual([]);
    const submit = new InitialResponse(ref(InteractionType.ModalSubmit));
    submit.expire();
    expect(submit.take({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: 64 } })).toEqual([]);
    expect(submit.finish()).toEqual([]);
  });

  it('autocomplete gets no choices, and the late ones are dropped', async () => {
    const initial = new InitialResponse(ref(InteractionType.ApplicationCommandAutocomplete));
    initial.expire();
    expect(await initial.body).toEqual({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } });
    expect(
      initial.take({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [{ name: 'a', value: 'a' }] } }),
    ).toEqual([]);
  });

  it('an answer with files is deferred and sent over REST even in time', async () => {
    const initial = new InitialResponse(ref(InteractionType.ApplicationCommand));
    expect(initial.take({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'file', flags: 64 } }, true)).toEqual([
      { method: 'PATCH', route: ORIGINAL, body: { content: 'file' } },
    ]);
    expect((await initial.body).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
  });
});
