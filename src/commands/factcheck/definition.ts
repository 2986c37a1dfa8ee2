// /factcheck question:<text> [private:<bool>]: what Discord registers.
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { EVERYWHERE } from '../shared/reach.js';
import { MAX_QUESTION_CHARS } from '../../knowledge/index.js';
import type { CommandDefinition } from '../shared/options.js';

export const factcheckDefinition = {
  name: 'factcheck',
  description: 'Ask about a claim; get its sources and how well established it is.',
  type: ApplicationCommandType.ChatInput,
  ...EVERYWHERE,
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'question',
      description: 'Your question, in your own words',
      required: true,
      autocomplete: true,
      max_length: MAX_QUESTION_CHARS,
    },
    { type: ApplicationCommandOptionType.Boolean, name: 'private', description: 'Only you see the answer (default: everyone in the channel)' },
  ],
} as const satisfies CommandDefinition;
