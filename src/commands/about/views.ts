// What /about shows: what the bot is, how to read its confidence levels, how many claims it has here and who
// curates them.
import type { ClaimsSummary } from '../../knowledge/index.js';
import { COLORS } from '../shared/claimEmbed.js';
import { t } from '../shared/i18n.js';
import type { ReplyPayload } from '../shared/types.js';

/**
 * `summary`: how many claims are answered here (the curated base and the server's own), and who curates them.
 * `inServer`: asked in a server that installed the bot; elsewhere (a DM, a server where only the member installed
 * the app) the curated base alone answers.
 */
export function aboutView(summary: ClaimsSummary, inServer = true): ReplyPayload {
  const { curated, curators } = summary;
  const local = summary.total - curated;
  const here = inServer ? t('about.inServer', { total: summary.total, curated, local }) : t('about.outside', { curated });
  return {
    ephemeral: true,
    embeds: [
      {
        title: t('about.title'),
        color: COLORS.neutral,
        description: t('about.description'),
        fields: [
          { name: t('about.confirmed'), value: t('about.confirmedMeaning') },
          { name: t('about.alleged'), value: t('about.allegedMeaning') },
          { name: t('about.claimsHere'), value: here },
          {
            name: t('about.whoCurates'),
            value: t('about.curators') + (curators.length ? `: ${curators.map((id) => (/^\d+$/.test(id) ? `<@${id}>` : id)).join(', ')}.` : '.'),
          },
        ],
      },
    ],
  };
}
