// /claim and its subcommands: what Discord registers. Installed with a server and used in it only, and for Manage
// Messages by default (a server can widen that, so every action checks the moderator again when it runs).
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import { CORRECTION_NOTE_MAX, LIMITS, VERDICT_CHOICES } from '../../knowledge/index.js';
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

/** The value of the verdict choice that removes a claim's verdict (on /claim edit). */
export const NO_VERDICT = 'none';

/**
 * A fact-checker's verdict, as options: /claim add carries it to the form it opens; /claim edit with a verdict
 * changes only the verdict (a correction: it asks for its public note), without the form.
 */
const verdictOption = (edit: boolean) => ({
  type: ApplicationCommandOptionType.String as const,
  name: 'verdict' as const,
  description: edit ? 'Change only the fact-check rating (no form); None removes it' : 'The fact-check rating, if the claim has one',
  choices: [
    ...VERDICT_CHOICES.map((label) => ({ name: label, value: label })),
    ...(edit ? [{ name: 'None (remove the verdict)', value: NO_VERDICT }] : []),
  ],
});

/** Who rated the claim, when, where the review is, and the numeric rating on its scale. */
const ratingOptions = [
  {
    type: ApplicationCommandOptionType.String,
    name: 'rated_by',
    description: 'Who gave the verdict (a fact-checker), when not this server',
    max_length: LIMITS.claimant,
  },
  { type: ApplicationCommandOptionType.String, name: 'rated_on', description: 'When it was rated, YYYY-MM-DD (default: today)', max_length: 10 },
  {
    type: ApplicationCommandOptionType.String,
    name: 'review_url',
    description: 'Where the fact check is published (http or https)',
    max_length: LIMITS.sourceUrl,
  },
  { type: ApplicationCommandOptionType.Number, name: 'rating_value', description: 'The numeric rating, if the verdict has one' },
  { type: ApplicationCommandOptionType.Number, name: 'best_rating', description: 'The best value of that rating scale' },
  { type: ApplicationCommandOptionType.Number, name: 'worst_rating', description: 'The worst value of that rating scale' },
] as const;

export const claimDefinition = {
  name: 'claim',
  description: 'Moderators: add, edit and retire this server’s fact-check claims.',
  type: ApplicationCommandType.ChatInput,
  default_member_permissions: PermissionFlagsBits.ManageMessages.toString(),
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'add',
      description: 'Add a claim for this server (opens a form), with its verdict if it has one.',
      options: [verdictOption(false), ...ratingOptions],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'edit',
      description: 'Edit one of this server’s claims (opens a form), or with verdict: only its verdict.',
      options: [idOption('The claim to edit'), verdictOption(true), ...ratingOptions],
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
