// What /about shows: what the bot is, how to read its confidence levels, how many claims it has here and who
// curates them.
import type { ClaimsSummary } from '../../knowledge/index.js';
import { COLORS } from '../shared/claimEmbed.js';
import type { ReplyPayload } from '../shared/types.js';

/**
 * `summary`: how many claims are answered here (the curated base and the server's own), and who curates them.
 * `inServer`: asked in a server that installed the bot; elsewhere (a DM, a server where only the member installed
 * the app) the curated base alone answers.
 */
export function aboutView(summary: ClaimsSummary, inServer = true): ReplyPayload {
  const { curated, curators } = summary;
  const local = summary.total - curated;
  const here = inServer
    ? `${summary.total} active: ${curated} in the curated base, ${local} added by this server’s moderators.`
    : `${curated} in the curated base. Here, outside a server that added the bot, only the curated base answers.`;
  return {
    ephemeral: true,
    embeds: [
      {
        title: 'About factcheck-bot',
        color: COLORS.neutral,
        description:
          'Ask `/factcheck` a question in your own words. I answer only from a base of vetted claims, each with its sources. ' +
          'When no vetted claim fits, I say so (and show the closest claims, if any) instead of guessing.',
        fields: [
          { name: '✅ Confirmed', value: 'Established: reported as fact, on the record, or admitted by the party concerned.' },
          { name: '⚠️ Alleged', value: 'Someone claims it (I name who) and it is not independently verified. Read it as “X says…”, not as fact.' },
          { name: 'Claims here', value: here },
          {
            name: 'Who curates them',
            value:
              'The curated base is maintained with the bot and taken from its cited news report. ' +
              'Server claims are added by members with Manage Messages, Manage Server or Administrator, or a configured moderator role' +
              (curators.length ? `: ${curators.map((id) => (/^\d+$/.test(id) ? `<@${id}>` : id)).join(', ')}.` : '.'),
          },
        ],
      },
    ],
  };
}
