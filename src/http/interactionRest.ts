// discord.js's REST client for an HTTP worker. Handlers answer an interaction as they do on the gateway
// (interaction.reply(), showModal(), update()…), which discord.js sends as a callback request; for an interaction
// that came over HTTP, this client hands that callback to the interaction's InitialResponse instead, so that it
// becomes the HTTP response, or, after a deferral, the webhook calls that do the same. Everything else (follow-ups,
// edits of the reply) goes to Discord as usual.
import { REST, RequestMethod, type InternalRequest, type RESTOptions } from 'discord.js';
import type { Callback, InitialResponse } from './initialResponse.js';

const CALLBACK_ROUTE = /^\/interactions\/(\d+)\/[^/]+\/callback$/;

export class InteractionRest extends REST {
  constructor(
    options: Partial<RESTOptions>,
    private readonly open: ReadonlyMap<string, InitialResponse>,
  ) {
    super(options);
  }

  override async request(options: InternalRequest): Promise<unknown> {
    const id = options.method === RequestMethod.Post ? CALLBACK_ROUTE.exec(options.fullRoute)?.[1] : undefined;
    const initial = id === undefined ? undefined : this.open.get(id);
    if (!initial) return super.request(options);
    if (options.query?.get('with_response') === 'true') throw new Error('an HTTP interaction cannot fetch its callback response (with_response)');
    const files = options.files ?? [];
    const calls = initial.take(options.body as Callback, files.length > 0);
    // Discord must have the first answer before anything that follows it.
    await initial.sent;
    await this.send(calls, files);
    return undefined;
  }

  /** Sends webhook calls in order; the files go with the call that carries the answer. */
  async send(calls: ReturnType<InitialResponse['take']>, files: NonNullable<InternalRequest['files']> = []): Promise<void> {
    for (const call of calls) {
      const carries = call.method !== 'DELETE';
      await super.request({
        fullRoute: call.route,
        method: call.method === 'PATCH' ? RequestMethod.Patch : call.method === 'POST' ? RequestMethod.Post : RequestMethod.Delete,
        auth: false,
        ...(call.body ? { body: call.body } : {}),
        ...(carries && files.length ? { files } : {}),
      });
    }
  }
}
