// "Fact-check this message" (Apps → Fact-check this message on any message): what Discord registers. Installable
// to a server and to a member's own account, and usable in servers, in DMs with the bot and in other DMs.
import { ApplicationCommandType } from 'discord-api-types/v10';
import { localizations } from '../shared/i18n.js';
import type { CommandDefinition } from '../shared/options.js';
import { EVERYWHERE } from '../shared/reach.js';

export const checkDefinition = {
  name: 'Fact-check this message',
  name_localizations: localizations('commands.check.name'),
  type: ApplicationCommandType.Message,
  ...EVERYWHERE,
} as const satisfies CommandDefinition;
