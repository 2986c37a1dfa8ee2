// The first answer to one interaction received over HTTP. Discord waits about 3 s for it, in the HTTP response;
// after that the interaction fails. So the answer a handler gives in time goes into the response, and when the
// deadline comes first the response is a deferral, and the handler's answer, when it comes, is turned into the
// webhook calls that do the same after a deferral (edit the "thinking…" message, or send a follow-up).
//
// The deferral is chosen before the answer is known: ephemeral "thinking…" for commands and forms (so a private
// answer never shows in the channel), a silent acknowledgement for buttons and selects (their answer may update the
// message they are on), empty choices for autocomplete (a late list would come after the member typed on).
import { InteractionResponseType, InteractionType, MessageFlags, Routes } from 'discord-api-types/v10';

/** An interaction callback as discord.js sends it: its type and data. */
export interface Callback {
  type: InteractionResponseType;
  data?: Record<string, unknown>;
}

/** A webhook call that answers the interaction after the deferral. */
export interface WebhookCall {
  method: 'PATCH' | 'POST' | 'DELETE';
  route: `/${string}`;
  body?: Record<string, unknown>;
}

/** An answer that cannot follow the deferral already sent (a form after "thinking…"), or a second first answer. */
export class LateAnswerError extends Error {
  override name = 'LateAnswerError';
}

type Deferral = 'reply' | 'update' | 'choices';

export const NOT_ANSWERED = 'That is not something I can answer.';

export interface InteractionRef {
  type: InteractionType;
  applicationId: string;
  token: string;
}

export class InitialResponse {
  /** The body of the HTTP response, once it is decided. */
  readonly body: Promise<Callback>;
  /** Settles when the HTTP response has been written (rejects when Discord closed the connection first). */
  readonly sent: Promise<void>;
  private decide!: (callback: Callback) => void;
  private markSent!: () => void;
  private markLost!: (error: Error) => void;
  private decided = false;
  private deferral: Deferral | null = null;
  /** The handler answered (or took over the answer) after the deferral. */
  private answeredLate = false;

  constructor(private readonly interaction: InteractionRef) {
    this.body = new Promise((resolve) => (this.decide = resolve));
    this.sent = new Promise((resolve, reject) => {
      this.markSent = resolve;
      this.markLost = reject;
    });
    // A handler that never answers must not leave an unhandled rejection behind when the response was lost.
    this.sent.catch(() => undefined);
  }

  /** The deadline came: when nothing was answered yet, the response is the deferral. */
  expire(): void {
    if (this.decided) return;
    const { type } = this.interaction;
    this.deferral =
      type === InteractionType.MessageComponent ? 'update' : type === InteractionType.ApplicationCommandAutocomplete ? 'choices' : 'reply';
    this.settle(
      this.deferral === 'update'
        ? { type: InteractionResponseType.DeferredMessageUpdate }
        : this.deferral === 'choices'
          ? { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } }
          : { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } },
    );
  }

  /**
   * A handler's first answer. In time, it is the HTTP response (no webhook calls). After the deferral, it is the
   * webhook calls that do the same. An answer with files cannot go in a JSON response: it is deferred and sent so.
   */
  take(callback: Callback, withFiles = false): WebhookCall[] {
    if (!this.decided && !withFiles) {
      this.settle(callback);
      return [];
    }
    this.expire();
    return this.late(callback);
  }

  /** Routing ended. A response still undecided says so; a deferral nobody followed is told the same. */
  finish(): WebhookCall[] {
    if (!this.decided) {
      this.settle(
        this.interaction.type === InteractionType.ApplicationCommandAutocomplete
          ? { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } }
          : { type: InteractionResponseType.ChannelMessageWithSource, data: { content: NOT_ANSWERED, flags: MessageFlags.Ephemeral } },
      );
      return [];
    }
    if (this.deferral === 'reply' && !this.answeredLate) return [{ method: 'PATCH', route: this.original, body: { content: NOT_ANSWERED } }];
    return [];
  }

  /** The HTTP response was written. */
  delivered(): void {
    this.markSent();
  }

  /** Discord closed the connection before the response was written. */
  lost(): void {
    this.markLost(new Error('Discord closed the connection before the answer was sent'));
  }

  private settle(callback: Callback): void {
    this.decided = true;
    this.decide(callback);
  }

  private get original(): `/${string}` {
    return Routes.webhookMessage(this.interaction.applicationId, this.interaction.token, '@original');
  }

  private get followUp(): `/${string}` {
    return Routes.webhook(this.interaction.applicationId, this.interaction.token);
  }

  /** What an answer given after the deferral becomes. */
  private late(callback: Callback): WebhookCall[] {
    if (this.deferral === null) throw new LateAnswerError('the interaction was already answered');
    if (this.answeredLate && callback.type !== InteractionResponseType.DeferredChannelMessageWithSource) {
      throw new LateAnswerError('a second answer cannot follow the first');
    }
    // Counted only once it can be sent: after a refused one (a form), the failure's own reply still takes its place.
    const calls = this.translate(this.deferral, callback);
    this.answeredLate = true;
    return calls;
  }

  private translate(deferral: Deferral, callback: Callback): WebhookCall[] {
    const data = messageData(callback.data);
    const ephemeral = ((Number(callback.data?.flags) || 0) & MessageFlags.Ephemeral) !== 0;
    const refuse = (what: string) => {
      throw new LateAnswerError(`${what} cannot follow the deferral sent when the answer took too long`);
    };
    switch (deferral) {
      case 'reply':
        if (callback.type === InteractionResponseType.DeferredChannelMessageWithSource) return [];
        if (callback.type !== InteractionResponseType.ChannelMessageWithSource) return refuse(`a response of type ${callback.type}`);
        // The deferral was ephemeral: a private answer takes its place; a public one cannot, so it replaces it.
        return ephemeral
          ? [{ method: 'PATCH', route: this.original, body: withoutEphemeral(data) }]
          : [
              { method: 'DELETE', route: this.original },
              { method: 'POST', route: this.followUp, body: data },
            ];
      case 'update':
        if (callback.type === InteractionResponseType.DeferredMessageUpdate) return [];
        if (callback.type === InteractionResponseType.UpdateMessage) return [{ method: 'PATCH', route: this.original, body: data }];
        if (callback.type === InteractionResponseType.ChannelMessageWithSource) return [{ method: 'POST', route: this.followUp, body: data }];
        return refuse(`a response of type ${callback.type}`);
      case 'choices':
        // Choices that come after the member typed on are of no use: dropped.
        if (callback.type === InteractionResponseType.ApplicationCommandAutocompleteResult) return [];
        return refuse(`a response of type ${callback.type}`);
    }
  }
}

/** A reply's data as a webhook message body (text-to-speech is a reply's option only). */
function messageData(data: Record<string, unknown> | undefined): Record<string, unknown> {
  const { tts: _tts, ...message } = data ?? {};
  return message;
}

function withoutEphemeral(data: Record<string, unknown>): Record<string, unknown> {
  const flags = (Number(data.flags) || 0) & ~MessageFlags.Ephemeral;
  const { flags: _flags, ...rest } = data;
  return flags ? { ...rest, flags } : rest;
}
