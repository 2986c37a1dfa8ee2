// Delivers a ReplyPayload to Discord: never pings anyone, ephemeral when asked, edits a deferred reply, or replaces
// the message a button or select is on; then sends the payload's follow-ups, each its own message.
import { MessageFlags } from 'discord-api-types/v10';
import type { InteractionReplyOptions, InteractionUpdateOptions, MessageComponentInteraction, RepliableInteraction } from 'discord.js';
import type { ReplyPayload } from './types.js';

export function toDiscord(payload: ReplyPayload): InteractionReplyOptions & { flags?: MessageFlags.Ephemeral } {
  return {
    ...(payload.content !== undefined ? { content: payload.content } : {}),
    ...(payload.embeds ? { embeds: payload.embeds } : {}),
    ...(payload.components ? { components: payload.components } : {}),
    ...(payload.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    allowedMentions: { parse: [] },
  };
}

export async function sendReply(interaction: RepliableInteraction, payload: ReplyPayload): Promise<void> {
  const options = toDiscord(payload);
  if (interaction.deferred) {
    const { flags: _flags, ...edit } = options;
    await interaction.editReply(edit);
  } else if (interaction.replied) {
    await interaction.followUp(options);
  } else {
    await interaction.reply(options);
  }
  await sendFollowUps(interaction, payload);
}

async function sendFollowUps(interaction: Pick<RepliableInteraction, 'followUp'>, payload: ReplyPayload): Promise<void> {
  for (const followUp of payload.followUps ?? []) await interaction.followUp(toDiscord(followUp));
}

/** Replaces the message the component is on (list pages, the unanswered list), never pinging anyone. */
export function toUpdate(payload: ReplyPayload): InteractionUpdateOptions {
  return {
    content: payload.content ?? '',
    embeds: payload.embeds ?? [],
    components: payload.components ?? [],
    allowedMentions: { parse: [] },
  };
}

/** Replaces the message the component is on; after deferUpdate (a write first), by editing it. */
export async function updateReply(interaction: MessageComponentInteraction, payload: ReplyPayload): Promise<void> {
  if (interaction.deferred) await interaction.editReply(toUpdate(payload));
  else await interaction.update(toUpdate(payload));
  await sendFollowUps(interaction, payload);
}
