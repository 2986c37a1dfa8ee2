// Who may run a /claim action, checked when it runs (Discord's default permissions can be widened by a server,
// and modal submits and buttons are not gated by Discord at all), the moderators' write cooldown, and how the
// knowledge layer's refusals read.
import { InteractionType } from 'discord-api-types/v10';
import { CannotWriteError, ClaimNotFoundError, ReadOnlyClaimError, ValidationError } from '../../knowledge/index.js';
import type { BotContext, Caller, ReplyPayload } from '../shared/types.js';
import { message, notFoundText, readOnlyText } from './views/messages.js';

/** Where a moderator acts: their server (or, at the offline console, the curated base: `null`). */
export interface ModeratedScope {
  guildId: string | null;
}

/**
 * The scope a moderator acts for, or null for anyone else (including a DM, or a server that did not install the
 * bot, where nobody moderates); the refusal is logged. Every /claim handler starts here, so nothing is read or
 * changed for a non-moderator.
 */
export function moderatorScope(caller: Caller, ctx: Pick<BotContext, 'log'>, kind: InteractionType): ModeratedScope | null {
  if (caller.moderator) return { guildId: caller.guildId };
  ctx.log.info({ userId: caller.userId, guildId: caller.guildId, kind }, 'claim: refused a non-moderator');
  return null;
}

/** Seconds the moderator must wait before another write (0: go ahead, and this write is counted). */
export function writeWait(ctx: Pick<BotContext, 'cooldowns'>, userId: string): Promise<number> {
  return ctx.cooldowns.take('claim-write', userId);
}

/** A refusal of a non-moderator is logged with what was used: a slash command, a button or select, a form. */
export const COMMAND = InteractionType.ApplicationCommand;
export const COMPONENT = InteractionType.MessageComponent;
export const FORM = InteractionType.ModalSubmit;

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
