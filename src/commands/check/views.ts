// The reply to "Fact-check this message": a link to the message, then what /factcheck would answer (the best claim
// the message makes, or its closest claims, or nothing) and the other claims its sentences make; private, with a
// button to post it for everyone.
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { APIActionRowComponent, APIComponentInMessageActionRow } from 'discord.js';
import type { MessageCheck } from '../../knowledge/index.js';
import { answerView } from '../factcheck/views.js';
import { claimEmbed } from '../shared/claimEmbed.js';
import { en, t } from '../shared/i18n.js';
import { fitEmbeds } from '../shared/limits.js';
import type { ReplyPayload } from '../shared/types.js';
import { checkIds, type MessagePlace } from './customIds.js';

// The English texts, as tests compare them; replies take each in the member's language (t).
export const EMPTY_TEXT = en('check.empty');
export const POSTED_TEXT = en('check.posted');
export const GONE_TEXT = en('check.gone');
export const POST_LABEL = en('check.post');

/** A link to a message (`@me` in a DM). */
export const messageLink = (where: MessagePlace) => `https://discord.com/channels/${where.guildId ?? '@me'}/${where.channelId}/${where.messageId}`;

/**
 * The check as a reply. Private (`ephemeral`) it carries "Post publicly" when the check was logged; public it is
 * the same answer for everyone. `guildId` is the server that installed the bot, if any (see answerView).
 */
export function checkView(check: MessageCheck, where: MessagePlace | null, guildId: string | null, ephemeral: boolean): ReplyPayload {
  const answer = answerView(check.answer, ephemeral, guildId);
  const found = check.also.length ? ` ${t('check.claims', { count: check.also.length + 1 })}` : '';
  const intro = where ? `${t('check.intro', { link: messageLink(where) })}${found}` : found.trim();
  const language = check.answer.language;
  const embeds = fitEmbeds([...(answer.embeds ?? []), ...check.also.map((c) => claimEmbed(c.claim, c.correction, language))]);
  const askedId = check.answer.askedId;
  const post: APIActionRowComponent<APIComponentInMessageActionRow>[] =
    ephemeral && askedId !== null
      ? [
          {
            type: ComponentType.ActionRow,
            components: [
              {
                type: ComponentType.Button,
                style: ButtonStyle.Primary,
                custom_id: checkIds.make('post', { askedId, where }),
                label: t('check.post'),
              },
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
