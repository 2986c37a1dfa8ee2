// /factcheck question:<text> [private:<bool>]: what Discord registers.
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { EVERYWHERE } from '../shared/reach.js';
import { MAX_QUESTION_CHARS } from '../../knowledge/index.js';
import { localizations } from '../shared/i18n.js';
import type { CommandDefinition } from '../shared/options.js';

export const factcheckDefinition = {
  name: 'factcheck',
  name_localizations: localizations('commands.factcheck.name'),
  description: 'Ask about a claim; get its sources and how well established it is.',
  description_localizations: localizations('commands.factcheck.description'),
  type: ApplicationCommandType.ChatInput,
  ...EVERYWHERE,
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'question',
      name_localizations: localizations('commands.factcheck.question'),
      description: 'Your question, in your own words',
      description_localizations: localizations('commands.factcheck.questionDescription'),
      required: true,
      autocomplete: true,
      max_length: MAX_QUESTION_CHARS,
    },
    {
      type: ApplicationCommandOptionType.Boolean,
      name: 'private',
      name_localizations: localizations('commands.factcheck.private'),
      description: 'Only you see the answer (default: everyone in the channel)',
      description_localizations: localizations('commands.factcheck.privateDescription'),
    },
  ],
} as const satisfies CommandDefinition;
