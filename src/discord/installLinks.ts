// The two ways to install the bot, as links built from the application id: to a server (its bot user and its
// commands), or to a member's own account (its commands, usable in any server and in DMs). User install must also
// be enabled for the application (Developer Portal → Installation → Installation Contexts).
import { PermissionFlagsBits } from 'discord-api-types/v10';

/** What the bot needs in a server's channels: see them, post, show embeds, and reply to an answer (a notice). */
export const SERVER_PERMISSIONS =
  PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.ReadMessageHistory;

export function installLinks(applicationId: string): { server: string; user: string } {
  const base = `https://discord.com/oauth2/authorize?client_id=${applicationId}`;
  return {
    server: `${base}&scope=bot%20applications.commands&permissions=${SERVER_PERMISSIONS}&integration_type=0`,
    user: `${base}&scope=applications.commands&integration_type=1`,
  };
}
