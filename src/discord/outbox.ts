// How the Discord face sends a message outside an interaction (a notice, long after the question): a channel
// message through the REST API, or a direct message (opening the DM channel first). Refusals (the channel is gone,
// the bot may not post there, the member accepts no DMs) and failures are logged and reported as not sent: the
// notice then takes its next way.
import { DiscordAPIError, Routes, type REST } from 'discord.js';
import type { Outbox } from '../commands/notices.js';
import type { ReplyPayload } from '../commands/shared/types.js';
import { redactSecrets, type Logger } from '../log.js';

function body(payload: ReplyPayload, mention?: string) {
  return {
    ...(payload.content !== undefined ? { content: payload.content } : {}),
    ...(payload.embeds ? { embeds: payload.embeds } : {}),
    ...(payload.components ? { components: payload.components } : {}),
    // Only the member who asked to be told is notified; nobody else, ever.
    allowed_mentions: { parse: [], users: mention ? [mention] : [] },
  };
}

export function discordOutbox(rest: REST, log: Logger): Outbox {
  const attempt = async (what: string, send: () => Promise<unknown>): Promise<boolean> => {
    try {
      await send();
      return true;
    } catch (error) {
      const code = error instanceof DiscordAPIError ? error.code : undefined;
      log.warn({ what, code, err: { message: redactSecrets((error as Error).message) } }, 'could not send a notice that way');
      return false;
    }
  };
  return {
    toChannel: (channelId, payload, { replyTo, mention }) =>
      attempt('channel', () =>
        rest.post(Routes.channelMessages(channelId), {
          body: { ...body(payload, mention), message_reference: { message_id: replyTo, fail_if_not_exists: false } },
        }),
      ),
    toMember: (userId, payload) =>
      attempt('dm', async () => {
        const channel = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string };
        await rest.post(Routes.channelMessages(channel.id), { body: body(payload) });
      }),
  };
}
