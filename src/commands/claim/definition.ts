// /claim and its subcommands: what Discord registers. Installed with a server and used in it only, and for Manage
// Messages by default (a server can widen that, so every action checks the moderator again when it runs).
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import { CORRECTION_NOTE_MAX, LIMITS } from '../../knowledge/index.js';
import type { CommandDefinition } from '../shared/options.js';

const idOption = (description: string) =>
  ({
    type: ApplicationCommandOptionType.String,
    name: 'id',
    description,
    required: true,
    autocomplete: true,
    max_length: LIMITS.id,
  }) as const;

export const claimDefinition = {
  name: 'claim',
  description: 'Moderators: add, edit and retire this server’s fact-check claims.',
  type: ApplicationCommandType.ChatInput,
  default_member_permissions: PermissionFlagsBits.ManageMessages.toString(),
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild],
  options: [
    { type: ApplicationCommandOptionType.Subcommand, name: 'add', description: 'Add a claim for this server (opens a form).' },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'edit',
      description: 'Edit one of this server’s claims (opens a form).',
      options: [idOption('The claim to edit')],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'retire',
      description: 'Stop answering with a claim of this server (its history is kept).',
      options: [
        idOption('The claim to retire'),
        {
          type: ApplicationCommandOptionType.String,
          name: 'note',
          description: 'Public note: why it is retired (a correction, kept in the history)',
          required: true,
          min_length: 5,
          max_length: CORRECTION_NOTE_MAX,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'review',
      description: 'Mark one of this server’s claims as re-checked today.',
      options: [idOption('The claim you re-checked')],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'show',
      description: 'Show a claim as /factcheck answers with it, with its status.',
      options: [idOption('The claim to show')],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'list',
      description: 'This server’s claims, 10 per page.',
      options: [{ type: ApplicationCommandOptionType.Integer, name: 'page', description: 'Page number (default 1)', min_value: 1 }],
    },
    { type: ApplicationCommandOptionType.Subcommand, name: 'stale', description: 'This server’s claims due for review, oldest first.' },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'history',
      description: 'Who changed a claim, when, and what changed.',
      options: [idOption('The claim')],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'unanswered',
      description: 'Questions asked here that no claim answers, most asked first.',
    },
    { type: ApplicationCommandOptionType.Subcommand, name: 'stats', description: 'Questions and answer feedback here over the last 7 and 30 days.' },
  ],
} as const satisfies CommandDefinition;
