// /about: what Discord registers.
import { ApplicationCommandType } from 'discord-api-types/v10';
import { EVERYWHERE } from '../shared/reach.js';
import { localizations } from '../shared/i18n.js';
import type { CommandDefinition } from '../shared/options.js';

export const aboutDefinition = {
  name: 'about',
  name_localizations: localizations('commands.about.name'),
  description: 'What this fact-check bot is and how to read its answers.',
  description_localizations: localizations('commands.about.description'),
  type: ApplicationCommandType.ChatInput,
  ...EVERYWHERE,
} as const satisfies CommandDefinition;
