// Who may curate claims. Checked when every moderator action runs (commands, buttons, modal submits): server
// admins can widen a command's permissions, and modal submits are not gated by Discord at all.
import { ApplicationIntegrationType, PermissionFlagsBits } from 'discord-api-types/v10';
import type { Interaction } from 'discord.js';
import type { Env } from '../../config/env.js';
import type { Caller } from './types.js';

const MODERATOR_PERMISSIONS = [PermissionFlagsBits.ManageMessages, PermissionFlagsBits.ManageGuild, PermissionFlagsBits.Administrator];

function memberRoleIds(interaction: Interaction): string[] {
  const member = interaction.member;
  if (!member) return [];
  const roles = member.roles;
  if (Array.isArray(roles)) return roles;
  return [...roles.cache.keys()];
}

/** True when the member, in this guild, holds a moderating permission or one of the configured roles. */
export function isModerator(interaction: Interaction, env: Pick<Env, 'MODERATOR_ROLE_IDS'>): boolean {
  if (!interaction.inGuild()) return false;
  const permissions = interaction.memberPermissions;
  if (permissions && MODERATOR_PERMISSIONS.some((flag) => permissions.has(flag, false))) return true;
  const roles = memberRoleIds(interaction);
  return env.MODERATOR_ROLE_IDS.some((id) => roles.includes(id));
}

/**
 * The server an interaction's answers come from: the one it was sent in, when that server installed the bot (its
 * id is among the interaction's authorizing integration owners). A member who installed the app for themselves can
 * use it in a DM or in any server; there, only the curated base answers, and nobody moderates.
 */
export function installedServer(interaction: Interaction): string | null {
  const guildId = interaction.guildId;
  return guildId && interaction.authorizingIntegrationOwners[ApplicationIntegrationType.GuildInstall] === guildId ? guildId : null;
}

/** Who sent an interaction, and from where. */
export function callerOf(interaction: Interaction, env: Pick<Env, 'MODERATOR_ROLE_IDS'>): Caller {
  const guildId = installedServer(interaction);
  return { userId: interaction.user.id, guildId, moderator: guildId !== null && isModerator(interaction, env) };
}
