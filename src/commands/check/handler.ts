// "Fact-check this message": reads the message the member pointed at (its text; an embed's title and description
// when it has none), checks it as /factcheck checks a question, and answers privately, so nobody is called out.
import type { BotContext, CommandRequest, ReplyPayload } from '../shared/types.js';
import { COOLDOWN_TEXT } from '../factcheck/views.js';
import type { checkDefinition } from './definition.js';
import { t } from '../shared/i18n.js';
import { checkView } from './views.js';

/** The words of a message: its text, or, without any, its embeds' titles and descriptions. */
export function messageText(message: CommandRequest<typeof checkDefinition>['input']['message']): string {
  const own = message.content.trim();
  if (own) return own;
  return message.embeds
    .flatMap((e) => [e.title, e.description])
    .filter((t): t is string => Boolean(t?.trim()))
    .join('\n');
}

export async function runCheck(ctx: BotContext, { caller, input }: CommandRequest<typeof checkDefinition>): Promise<ReplyPayload> {
  const wait = await ctx.cooldowns.take('factcheck', caller.userId);
  if (wait > 0) return { content: COOLDOWN_TEXT(wait), ephemeral: true };
  const text = messageText(input.message);
  if (!text) return { content: t('check.empty'), ephemeral: true };
  const check = await ctx.kb.scope(caller.guildId).check(text);
  return checkView(check, input.message.where, caller.guildId, true);
}
