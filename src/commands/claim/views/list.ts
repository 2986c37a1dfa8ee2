// /claim list: the server's own claims, ten a page, with Previous/Next buttons; claims due for review are marked.
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { APIEmbed } from 'discord.js';
import type { Claim } from '../../../knowledge/index.js';
import { COLORS } from '../../shared/claimEmbed.js';
import { fitEmbed, truncate } from '../../shared/limits.js';
import type { ReplyPayload } from '../../shared/types.js';
import { claimIds } from '../customIds.js';
import { badge, shownId } from './messages.js';

export const LIST_PAGE_SIZE = 10;
export const REVIEW_DUE = '⏰ review due';

export interface ListData {
  /** The server's own active claims, in a stable order. */
  own: Claim[];
  retiredCount: number;
  curatedCount: number;
  /** Ids of the claims past their review interval. */
  staleIds?: ReadonlySet<string>;
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
}

/** One page of the server's own claims (the page clamped into range) with Previous/Next buttons. */
export function listView({ own, retiredCount, curatedCount, staleIds = new Set() }: ListData, requestedPage: number): ReplyPayload {
  const pages = pageCount(own.length);
  const page = Math.min(Math.max(1, Math.trunc(requestedPage) || 1), pages);
  const start = (page - 1) * LIST_PAGE_SIZE;
  const lines = own
    .slice(start, start + LIST_PAGE_SIZE)
    .map(
      (c, i) => `**${start + i + 1}.** ${badge(c)} ${truncate(c.statement, 200)}\n${shownId(c.id)}${staleIds.has(c.id) ? ` · ${REVIEW_DUE}` : ''}`,
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
        `${own.length} active claim${own.length === 1 ? '' : 's'} of this server` +
        (staleIds.size ? ` · ${staleIds.size} due for review (/claim stale)` : ''),
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
