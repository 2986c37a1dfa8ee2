// /about: what the bot is and how to read its answers.
import { defineCommand } from '../shared/types.js';
import { aboutDefinition } from './definition.js';
import { aboutView } from './views.js';

export default defineCommand({
  definition: aboutDefinition,
  async run(ctx, { caller }) {
    return aboutView(await ctx.kb.scope(caller.guildId).summary(), caller.guildId !== null);
  },
});
