// Who may run a /claim action, checked when it runs (Discord's default permissions can be widened by a server,
// and modal submits and buttons are not gated by Discord at all), the moderators' write cooldown, and how the
// knowledge layer's refusals read.
import { InteractionType } from 'discord-api-types/v10';
import { CannotWriteError, ClaimNotFoundError, ReadOnlyClaimError, ValidationError } from '../../knowledge/index.js';
import { sendReply } from '../shared/reply.js';
import { callerOf } from '../shared/permissions.js';
import type { BotContext, Caller, ComponentInteraction, ReplyPayload } from '../shared/types.js';
import { message, NOT_MODERATOR, notFoundText, readOnlyText } from './views/messages.js';

/**
 * The server a moderator acts for, or null for anyone else (including a DM, where there is no server); the refusal
 * is logged. Every /claim handler starts here, so nothing is read or changed for a non-moderator.
 */
export function moderatorServer(caller: Caller, ctx: Pick<BotContext, 'log'>, kind: InteractionType): string | null {
  if (caller.guildId && caller.moderator) return caller.guildId;
  ctx.log.info({ userId: caller.userId, guildId: caller.guildId, kind }, 'claim: refused a non-moderator');
  return null;
}

/** moderatorServer for a button, select or form submit, answering anyone else with the refusal. */
export async function moderatorGuild(interaction: ComponentInteraction, ctx: BotContext): Promise<string | null> {
  const guildId = moderatorServer(callerOf(interaction, ctx.env), ctx, interaction.type);
  if (!guildId) await sendReply(interaction, message(NOT_MODERATOR));
  return guildId;
}

/** Seconds the moderator must wait before another write (0: go ahead, and this write is counted). */
export function writeWait(ctx: Pick<BotContext, 'cooldowns'>, userId: string): number {
  return ctx.cooldowns.take('claim-write', userId);
}

/** A slash command's refusal of a non-moderator is logged as an application command's. */
export const COMMAND = InteractionType.ApplicationCommand;

/**
 * The reply for an error the knowledge layer reports to users; anything else is rethrown for the bot's generic
 * handler. `validation` builds the reply to a ValidationError (the modal echoes what was typed).
 */
export function knownErrorReply(error: unknown, validation: (issues: string[]) => ReplyPayload): ReplyPayload {
  if (error instanceof ClaimNotFoundError) return message(notFoundText(error.claimId));
  if (error instanceof ReadOnlyClaimError) return message(readOnlyText(error.claimId));
  if (error instanceof ValidationError) return validation(error.issues);
  if (error instanceof CannotWriteError) return message(`**Not saved** — ${cannotWriteText(error.reason)}`);
  throw error;
}

/** Why nothing was saved, when the database would not take a write. */
export function cannotWriteText(reason: CannotWriteError['reason']): string {
  return reason === 'busy'
    ? 'the database is busy with another program’s change (an import, most likely). Nothing was changed; try again in a minute.'
    : 'the bot’s database file was deleted or replaced while the bot was running, so nothing can be saved until it restarts. ' +
        'Nothing was changed; tell whoever runs the bot.';
}

export const plainValidationReply = (issues: string[]): ReplyPayload => message(`Not saved:\n${issues.map((i) => `• ${i}`).join('\n')}`);
