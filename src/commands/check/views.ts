// The reply to "Fact-check this message": a link to the message, then what /factcheck would answer (the best claim
// the message makes, or its closest claims, or nothing) and the other claims its sentences make; private, with a
// button to post it for everyone.
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { APIActionRowComponent, APIComponentInMessageActionRow } from 'discord.js';
import type { MessageCheck } from '../../knowledge/index.js';
import { answerView } from '../factcheck/views.js';
import { claimEmbed } from '../shared/claimEmbed.js';
import { fitEmbeds } from '../shared/limits.js';
import type { ReplyPayload } from '../shared/types.js';
import { checkIds, type MessagePlace } from './customIds.js';

export const EMPTY_TEXT =
  'That message has no text I can check — only an image, a file, or an embed without words. Type what it claims into `/factcheck` instead.';
export const POSTED_TEXT = 'Posted in the channel for everyone.';
export const GONE_TEXT = 'That fact-check is not available here any more. Run “Fact-check this message” again.';
export const POST_LABEL = 'Post publicly';

/** A link to a message (`@me` in a DM). */
export const messageLink = (where: MessagePlace) => `https://discord.com/channels/${where.guildId ?? '@me'}/${where.channelId}/${where.messageId}`;

/**
 * The check as a reply. Private (`ephemeral`) it carries "Post publicly" when the check was logged; public it is
 * the same answer for everyone. `guildId` is the server that installed the bot, if any (see answerView).
 */
export function checkView(check: MessageCheck, where: MessagePlace | null, guildId: string | null, ephemeral: boolean): ReplyPayload {
  const answer = answerView(check.answer, ephemeral, guildId);
  const found = check.also.length ? ` It makes ${check.also.length + 1} claims with a vetted answer:` : '';
  const intro = where ? `Fact-check of [this message](${messageLink(where)}).${found}` : found.trim();
  const embeds = fitEmbeds([...(answer.embeds ?? []), ...check.also.map((c) => claimEmbed(c.claim, c.correction))]);
  const askedId = check.answer.askedId;
  const post: APIActionRowComponent<APIComponentInMessageActionRow>[] =
    ephemeral && askedId !== null
      ? [
          {
            type: ComponentType.ActionRow,
            components: [
              { type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: checkIds.make('post', { askedId, where }), label: POST_LABEL },
            ],
          },
        ]
      : [];
  return {
    ...(intro ? { content: intro } : {}),
    embeds,
    components: [...(answer.components ?? []), ...post],
    ephemeral,
  };
}
