// /about: what Discord registers.
import { ApplicationCommandType } from 'discord-api-types/v10';
import { EVERYWHERE } from '../shared/reach.js';
import type { CommandDefinition } from '../shared/options.js';

export const aboutDefinition = {
  name: 'about',
  description: 'What this fact-check bot is and how to read its answers.',
  type: ApplicationCommandType.ChatInput,
  ...EVERYWHERE,
} as const satisfies CommandDefinition;
