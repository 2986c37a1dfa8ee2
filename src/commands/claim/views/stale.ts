// /claim stale: the server's own claims past the review interval, oldest review first, with the days since each.
import { daysSinceReview, type Claim } from '../../../knowledge/index.js';
import { COLORS, reviewedDate } from '../../shared/claimEmbed.js';
import { fitEmbed, truncate } from '../../shared/limits.js';
import type { ReplyPayload } from '../../shared/types.js';
import { shownId } from './messages.js';

export const STALE_LIMIT = 20;

/** The first STALE_LIMIT of the server's `total` claims due for review (the knowledge layer reads no more). */
export function staleView(stale: Claim[], total: number, curatedStale: number, intervalDays: number, now: Date): ReplyPayload {
  const lines = stale.slice(0, STALE_LIMIT).map((c, i) => {
    const days = daysSinceReview(c, now);
    return `**${i + 1}.** ⏰ ${days} day${days === 1 ? '' : 's'} since review (${reviewedDate(c)}) · ${truncate(c.statement, 150)}\n${shownId(c.id)}`;
  });
  if (total > lines.length) lines.push(`… and ${total - lines.length} more`);
  const curated =
    curatedStale === 0
      ? 'No curated claim is due for review.'
      : `${curatedStale} curated claim${curatedStale === 1 ? ' is' : 's are'} due for review too; only the bot’s maintainers can review ${curatedStale === 1 ? 'it' : 'them'} (read-only here).`;
  return {
    embeds: [
      fitEmbed({
        title: `Due for review — not re-checked in ${intervalDays} day${intervalDays === 1 ? '' : 's'} or more`,
        description: lines.length
          ? lines.join('\n')
          : `Every claim of this server was reviewed in the last ${intervalDays} day${intervalDays === 1 ? '' : 's'}.`,
        color: COLORS.neutral,
        fields: [{ name: 'Curated base', value: curated }],
        ...(total ? { footer: { text: 'Re-check a claim, then mark it with /claim review id:<claim>.' } } : {}),
      }),
    ],
    ephemeral: true,
  };
}
