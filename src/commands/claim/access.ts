// Who may run a /claim action, checked when it runs (Discord's default permissions can be widened by a server,
// and modal submits and buttons are not gated by Discord at all), and how the knowledge layer's refusals read.
import type { Interaction, RepliableInteraction } from 'discord.js';
import { ClaimNotFoundError, ReadOnlyClaimError, ValidationError } from '../../knowledge/errors.js';
import type { Actor } from '../../knowledge/store/claimStore.js';
import { isModerator } from '../permissions.js';
import { sendReply } from '../reply.js';
import type { BotContext, ReplyPayload } from '../types.js';
import { message, NOT_MODERATOR, notFoundText, readOnlyText } from './render.js';

export const WRITE_COOLDOWN_KEY = 'claim-write';

/**
 * The server a moderator acts for, or null after refusing anyone else (including a DM, where there is no server).
 * Every /claim handler starts here, so nothing is read or changed for a non-moderator.
 */
export async function moderatorGuild(interaction: Interaction & RepliableInteraction, ctx: BotContext): Promise<string | null> {
  if (interaction.guildId && isModerator(interaction, ctx.env)) return interaction.guildId;
  ctx.log.info({ userId: interaction.user.id, guildId: interaction.guildId, kind: interaction.type }, 'claim: refused a non-moderator');
  await sendReply(interaction, message(NOT_MODERATOR));
  return null;
}

/** Who is writing, for the audit trail. */
export const actorOf = (interaction: Interaction, guildId: string): Actor => ({ actor: interaction.user.id, guildId });

/** Seconds the moderator must wait before another write (0: go ahead, and this write is counted). */
export function writeWait(interaction: Interaction, ctx: BotContext): number {
  return ctx.cooldowns.take(WRITE_COOLDOWN_KEY, interaction.user.id);
}

/**
 * The reply for an error the knowledge layer reports to users; anything else is rethrown for the bot's generic
 * handler. `validation` builds the reply to a ValidationError (the modal echoes what was typed).
 */
export function knownErrorReply(error: unknown, validation: (issues: string[]) => ReplyPayload): ReplyPayload {
  if (error instanceof ClaimNotFoundError) return message(notFoundText(error.claimId));
  if (error instanceof ReadOnlyClaimError) return message(readOnlyText(error.claimId));
  if (error instanceof ValidationError) return validation(error.issues);
  throw error;
}

export const plainValidationReply = (issues: string[]): ReplyPayload =>
  message(`Not saved:\n${issues.map((i) => `• ${i}`).join('\n')}`);
