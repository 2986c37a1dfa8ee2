// /claim list: the server's own claims, ten a page, with Previous/Next buttons; claims due for review are marked.
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { APIEmbed } from 'discord.js';
import { isStale, type ClaimListPage } from '../../../knowledge/index.js';
import { COLORS } from '../../shared/claimEmbed.js';
import { fitEmbed, truncate } from '../../shared/limits.js';
import type { ReplyPayload } from '../../shared/types.js';
import { claimIds } from '../customIds.js';
import { badge, shownId } from './messages.js';

export const LIST_PAGE_SIZE = 10;
export const REVIEW_DUE = '⏰ review due';

/** One page of the server's own claims (the knowledge layer read only that page) with Previous/Next buttons. */
export function listView(list: ClaimListPage, intervalDays: number, now = new Date()): ReplyPayload {
  const { page, pages, curated: curatedCount, retired: retiredCount } = list;
  const start = (page - 1) * LIST_PAGE_SIZE;
  const lines = list.claims.map(
    (c, i) =>
      `**${start + i + 1}.** ${badge(c)} ${truncate(c.statement, 200)}\n${shownId(c.id)}${isStale(c, intervalDays, now) ? ` · ${REVIEW_DUE}` : ''}`,
  );
  const notes = [
    `${curatedCount} curated claim${curatedCount === 1 ? '' : 's'} from the shared base ${curatedCount === 1 ? 'is' : 'are'} also answered here (read-only from Discord).`,
  ];
  if (retiredCount)
    notes.push(
      `${retiredCount} retired claim${retiredCount === 1 ? ' is' : 's are'} not listed; \`/claim show\` and \`/claim history\` still find them.`,
    );
  const embed: APIEmbed = fitEmbed({
    title: `This server’s claims — page ${page} of ${pages}`,
    description: lines.length ? lines.join('\n') : 'This server has no claims of its own yet. Add one with `/claim add`.',
    color: COLORS.neutral,
    fields: [{ name: 'Also answered here', value: notes.join('\n') }],
    footer: {
      text:
        `${list.active} active claim${list.active === 1 ? '' : 's'} of this server` +
        (list.due ? ` · ${list.due} due for review (/claim stale)` : ''),
    },
  });
  return {
    embeds: [embed],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            custom_id: claimIds.make('list', page - 1),
            label: 'Previous',
            disabled: page <= 1,
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            custom_id: claimIds.make('list', page + 1),
            label: 'Next',
            disabled: page >= pages,
          },
        ],
      },
    ],
    ephemeral: true,
  };
}
