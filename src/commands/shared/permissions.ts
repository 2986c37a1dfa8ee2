// Who may curate claims. Checked when every moderator action runs (commands, buttons, modal submits): server
// admins can widen a command's permissions, and modal submits are not gated by Discord at all.
//
// Discord sends permissions as a decimal string of a 64-bit set. They are read strictly, before discord.js reads
// them: discord.js would read "-8192" (or a 5,000-digit number) as holding Manage Messages, and throws on "abc",
// dropping the interaction without a word. A set that is not a plain 64-bit number is read as no permissions, and
// the interaction is refused with a reply.
import { ApplicationIntegrationType, PermissionFlagsBits } from 'discord-api-types/v10';
import type { Interaction } from 'discord.js';
import { z } from 'zod';
import type { Env } from '../../config/env.js';
import type { Caller } from './types.js';

const MODERATOR_PERMISSIONS = [PermissionFlagsBits.ManageMessages, PermissionFlagsBits.ManageGuild, PermissionFlagsBits.Administrator];

/** A permission set as Discord writes one: digits only, no sign, no leading zero, below 2^64. */
export const PermissionBits = z.string().refine((bits) => /^(0|[1-9]\d{0,19})$/.test(bits) && BigInt(bits) < 1n << 64n);

/** Interactions that arrived with a permission set that is not one (by id); the router refuses them with a reply. */
const unreadable = new Set<string>();
const UNREADABLE_MAX = 1000;

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null;

/** Replaces `holder[key]` by "0" (no permissions) unless it is a permission set; true when it had to. */
function zeroUnlessValid(holder: unknown, key: string): boolean {
  if (!isObject(holder) || holder[key] === undefined) return false;
  if (PermissionBits.safeParse(holder[key]).success) return false;
  holder[key] = '0';
  return true;
}

/**
 * Checks an interaction's permission sets as the gateway (or an HTTP request) delivers it, before discord.js reads
 * it: the member's, the bot's, the channel's, and those of roles, members and channels its options resolve. One
 * that is not a plain 64-bit number is replaced by none, and the interaction is marked as unreadable. Returns true
 * when every set was readable.
 */
export function checkInteractionPermissions(interaction: unknown): boolean {
  if (!isObject(interaction)) return true;
  let bad = zeroUnlessValid(interaction, 'app_permissions');
  bad = zeroUnlessValid(interaction.member, 'permissions') || bad;
  bad = zeroUnlessValid(interaction.channel, 'permissions') || bad;
  const resolved = isObject(interaction.data) ? interaction.data.resolved : undefined;
  if (isObject(resolved)) {
    for (const kind of ['members', 'roles', 'channels']) {
      const entries = resolved[kind];
      if (isObject(entries)) for (const entry of Object.values(entries)) bad = zeroUnlessValid(entry, 'permissions') || bad;
    }
  }
  if (bad && typeof interaction.id === 'string') {
    if (unreadable.size >= UNREADABLE_MAX) unreadable.delete(unreadable.values().next().value!);
    unreadable.add(interaction.id);
  }
  return !bad;
}

/** True (once) for an interaction whose permissions could not be read: it must be refused, with a reply. */
export function takeUnreadablePermissions(interactionId: string): boolean {
  return unreadable.delete(interactionId);
}

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
