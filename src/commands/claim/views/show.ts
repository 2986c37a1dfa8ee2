// /claim show: a claim as /factcheck answers with it, with where it comes from, its status and who changed it.
import type { ClaimView } from '../../../knowledge/index.js';
import { claimEmbed } from '../../shared/claimEmbed.js';
import type { ReplyPayload } from '../../shared/types.js';
import { actorLabel, shownId, timestamp } from './messages.js';

export function showView({ claim, correction }: ClaimView): ReplyPayload {
  const scope = claim.guildId === null ? 'curated base (read-only here)' : 'this server';
  const status = claim.status === 'active' ? 'active — answered by `/factcheck`' : 'retired — not answered';
  return {
    content:
      `Claim ${shownId(claim.id)} · ${scope} · ${status}\n` +
      `Added by ${actorLabel(claim.createdBy)} ${timestamp(claim.createdAt)} · last changed by ${actorLabel(claim.updatedBy)} ${timestamp(claim.updatedAt)}`,
    embeds: [claimEmbed(claim, correction)],
    ephemeral: true,
  };
}
