// /claim stats: the server's questions and answer feedback over the last 7 and 30 days.
import type { APIEmbed } from 'discord.js';
import type { PeriodStats } from '../../../knowledge/index.js';
import { COLORS } from '../../shared/claimEmbed.js';
import { fitEmbed, memberText, truncate } from '../../shared/limits.js';
import type { ReplyPayload } from '../../shared/types.js';
import { shownId } from './messages.js';

export const STATS_PERIODS = [7, 30] as const;
const STATS_QUESTION_MAX = 100;
const times = (n: number) => `${n}×`;

/** The figures of one period, and its top lists. */
function periodFields(stats: PeriodStats): APIEmbed['fields'] {
  const span = `${stats.days} days`;
  const unanswered = stats.topUnanswered.map((q, i) => `${i + 1}. ${memberText(q.question, STATS_QUESTION_MAX)} — ${times(q.count)}`);
  const wrong = stats.topNotWhatIAsked.map(
    (c, i) => `${i + 1}. ${shownId(c.claimId)} ${c.statement ? truncate(c.statement, 120) : '(no longer visible here)'} — ${times(c.count)}`,
  );
  return [
    {
      name: `Last ${span}`,
      value:
        `Questions answered **${stats.answered}** · suggested **${stats.suggested}** · unanswered **${stats.unanswered}**\n` +
        `Feedback: helpful **${stats.helpful}** · not what I asked **${stats.notWhatIAsked}**`,
    },
    { name: `Most-asked unanswered — ${span}`, value: unanswered.length ? unanswered.join('\n') : 'None.' },
    { name: `Most often “Not what I asked” — ${span}`, value: wrong.length ? wrong.join('\n') : 'None.' },
  ];
}

export function statsView(periods: PeriodStats[]): ReplyPayload {
  return {
    embeds: [
      fitEmbed({
        title: 'Questions and feedback in this server',
        color: COLORS.neutral,
        fields: periods.flatMap((p) => periodFields(p) ?? []),
        footer: { text: 'Suggested: only closest claims were offered. Unanswered questions are in /claim unanswered.' },
      }),
    ],
    ephemeral: true,
  };
}
