// What /about shows: what the bot is, how to read its confidence levels, how many claims it has here and who
// curates them.
import type { Claim } from '../../knowledge/index.js';
import { COLORS } from '../shared/claimEmbed.js';
import type { ReplyPayload } from '../shared/types.js';

/** `visible`: the active claims answered here (the curated base and the server's own). */
export function aboutView(visible: Claim[]): ReplyPayload {
  const curated = visible.filter((c) => c.guildId === null).length;
  const local = visible.length - curated;
  const curators = [...new Set(visible.filter((c) => c.guildId !== null).map((c) => c.createdBy))].slice(0, 10);
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
          {
            name: 'Claims here',
            value: `${visible.length} active: ${curated} in the curated base, ${local} added by this server’s moderators.`,
          },
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
