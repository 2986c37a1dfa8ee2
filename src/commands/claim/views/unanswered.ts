// /claim unanswered: the server's questions waiting for a claim, most asked first, with a select to dismiss one.
import { ComponentType } from 'discord-api-types/v10';
import type { UnansweredQuestion } from '../../../knowledge/index.js';
import { COLORS } from '../../shared/claimEmbed.js';
import { CONTENT_MAX, fitEmbed, memberText, quotedQuestion, truncate } from '../../shared/limits.js';
import type { ReplyPayload } from '../../shared/types.js';
import { claimIds } from '../customIds.js';
import { shownId, timestamp } from './messages.js';

export const UNANSWERED_LIMIT = 10;

export function unansweredView(groups: UnansweredQuestion[], notice?: string): ReplyPayload {
  const lines = groups.map((g, i) => {
    const closest = g.bestClaimId ? ` · closest claim ${shownId(g.bestClaimId)}` : '';
    return `**${i + 1}.** ${memberText(g.question, 200)} — asked ${g.count} time${g.count === 1 ? '' : 's'}, last ${timestamp(g.lastAskedAt, 'R')}${closest}`;
  });
  const embed = fitEmbed({
    title: 'Unanswered questions — most asked first',
    description: lines.length
      ? lines.join('\n')
      : 'No open unanswered questions in this server. Questions `/factcheck` has no vetted claim for show up here.',
    color: COLORS.neutral,
    ...(lines.length ? { footer: { text: 'Add a claim with /claim add, or dismiss a question below.' } } : {}),
  });
  return {
    ...(notice !== undefined ? { content: truncate(notice, CONTENT_MAX) } : {}),
    embeds: [embed],
    components: groups.length
      ? [
          {
            type: ComponentType.ActionRow,
            components: [
              {
                type: ComponentType.StringSelect,
                custom_id: claimIds.make('dismiss'),
                placeholder: 'Dismiss a question…',
                min_values: 1,
                max_values: 1,
                options: groups.map((g, i) => ({
                  label: truncate(`${i + 1}. ${quotedQuestion(g.question, 100)}`, 100),
                  value: String(g.id),
                  description: `asked ${g.count} time${g.count === 1 ? '' : 's'}`,
                })),
              },
            ],
          },
        ]
      : [],
    ephemeral: true,
  };
}

export function dismissedNotice(question: string | undefined, count: number): string {
  if (count === 0) return 'That question is not open in this server (already dismissed?). Nothing was changed.';
  const what = question ? memberText(question, 200) : 'the question';
  return `Dismissed ${what} (${count} time${count === 1 ? '' : 's'} asked).`;
}
