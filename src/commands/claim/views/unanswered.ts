// /claim unanswered: the server's questions waiting for a claim, most asked first, with a select to dismiss one and
// one to link one to the claim that answers it ("Answered by…", which asks for the claim in a one-field form).
import { ComponentType, TextInputStyle } from 'discord-api-types/v10';
import type { APIModalInteractionResponseCallbackData } from 'discord.js';
import { LIMITS, type UnansweredQuestion } from '../../../knowledge/index.js';
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
    ...(lines.length ? { footer: { text: 'Add a claim with /claim add, link a question to the claim that answers it, or dismiss it.' } } : {}),
  });
  const options = groups.map((g, i) => ({
    label: truncate(`${i + 1}. ${quotedQuestion(g.question, 100)}`, 100),
    value: String(g.id),
    description: `asked ${g.count} time${g.count === 1 ? '' : 's'}`,
  }));
  const select = (customId: string, placeholder: string) => ({
    type: ComponentType.ActionRow as const,
    components: [{ type: ComponentType.StringSelect as const, custom_id: customId, placeholder, min_values: 1, max_values: 1, options }],
  });
  return {
    ...(notice !== undefined ? { content: truncate(notice, CONTENT_MAX) } : {}),
    embeds: [embed],
    components: groups.length
      ? [select(claimIds.make('dismiss'), 'Dismiss a question…'), select(claimIds.make('answered-by'), 'Answered by… (link it to a claim)')]
      : [],
    ephemeral: true,
  };
}

export function dismissedNotice(question: string | undefined, count: number): string {
  if (count === 0) return 'That question is not open in this server (already dismissed?). Nothing was changed.';
  const what = question ? memberText(question, 200) : 'the question';
  return `Dismissed ${what} (${count} time${count === 1 ? '' : 's'} asked).`;
}

export const LINK_FIELD = 'claim';

/** The one-field form of "Answered by…": the claim that answers the question, prefilled with the closest one. */
export function linkModal(question: UnansweredQuestion): APIModalInteractionResponseCallbackData {
  return {
    custom_id: claimIds.make('link', question.id),
    title: 'Answered by which claim?',
    components: [
      {
        type: ComponentType.Label,
        label: 'Claim id',
        description: truncate(`The claim that answers “${quotedQuestion(question.question, 60)}” (ids: /claim list, /claim show).`, 100),
        component: {
          type: ComponentType.TextInput,
          custom_id: LINK_FIELD,
          style: TextInputStyle.Short,
          max_length: LIMITS.id,
          required: true,
          ...(question.bestClaimId ? { value: question.bestClaimId } : {}),
        },
      },
    ],
  };
}

export function linkedNotice(question: string | undefined, count: number, claimId: string, members: number): string {
  if (count === 0) return 'That question is not open in this server (already answered or dismissed?). Nothing was changed.';
  const what = question ? memberText(question, 200) : 'the question';
  const told = members ? ` ${members} member${members === 1 ? ' who asked to be told is' : 's who asked to be told are'} being told.` : '';
  return `Linked ${what} (${count} time${count === 1 ? '' : 's'} asked) to ${shownId(claimId)}: it is no longer waiting.${told}`;
}
