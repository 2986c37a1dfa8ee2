// Where a member's command can be used: installed with a server or on the member's own account, and run in a
// server, in a DM with the bot, or in any other DM. (`/claim` stays with servers that installed the bot.) Outside
// a server that installed it, the curated base alone answers (see permissions.ts, installedServer).
import { ApplicationIntegrationType, InteractionContextType } from 'discord-api-types/v10';

export const EVERYWHERE: { integration_types: ApplicationIntegrationType[]; contexts: InteractionContextType[] } = {
  integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
};
