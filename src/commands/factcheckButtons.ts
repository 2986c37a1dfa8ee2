// Buttons under /factcheck suggestions: "show this claim". The claim id in the custom_id is untrusted; it is only
// shown when it is visible in the server where the button was clicked.
import { parseCustomId } from './customIds.js';
import { sendReply } from './reply.js';
import { answerReply } from './render/answerReply.js';
import type { ComponentHandler } from './types.js';

export default {
  prefix: 'fc',
  async button(interaction, ctx) {
    const parsed = parseCustomId(interaction.customId);
    const claim = parsed?.action === 'show' ? ctx.kb.get(parsed.arg, interaction.guildId) : undefined;
    if (!claim || claim.status !== 'active') {
      await sendReply(interaction, { content: 'That claim is not available in this server any more.', ephemeral: true });
      return;
    }
    await sendReply(interaction, answerReply(claim, true));
  },
} satisfies ComponentHandler;
