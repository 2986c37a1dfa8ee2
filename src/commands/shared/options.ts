// A command's options, typed from its definition (the JSON Discord registers, written `as const`): the handler of
// `/claim list page:` gets `{ page: number | undefined }` from the definition itself, so option names and types
// exist once (as discord-utils-bot's ArgumentsOf and yuudachi's Command<typeof Def> do). At run time the same
// definition gives the zod schema that checks what a face (Discord, the console) read, before any handler runs.
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import type {
  APIApplicationCommandOption,
  CommandInteractionOptionResolver,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import { z } from 'zod';

/** A command as Discord registers it (a slash command, or a message command); write it `as const satisfies CommandDefinition`. */
export type CommandDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody | RESTPostAPIContextMenuApplicationCommandsJSONBody;

/**
 * The message a message command runs on, as every face reads it: Discord from the interaction's resolved data (no
 * privileged intent needed), the console from pasted text. Checked here, once, like any input from outside.
 */
const Snowflake = z.string().regex(/^\d{1,20}$/);
export const TargetMessage = z.object({
  /** Where it is (its server: null in a DM), for a link to it; null for pasted text. */
  where: z.object({ guildId: Snowflake.nullable(), channelId: Snowflake, messageId: Snowflake }).nullable(),
  content: z.string(),
  /** Its embeds' titles and descriptions (a link preview, a forwarded card), read when it has no text of its own. */
  embeds: z.array(z.object({ title: z.string().optional(), description: z.string().optional() })),
  /** How many files (images, videos) it carries. */
  attachments: z.number().int().nonnegative(),
});
export type TargetMessage = z.infer<typeof TargetMessage>;

type ValueType =
  | ApplicationCommandOptionType.String
  | ApplicationCommandOptionType.Integer
  | ApplicationCommandOptionType.Number
  | ApplicationCommandOptionType.Boolean;
interface ValueOption {
  readonly type: ValueType;
  readonly name: string;
  readonly required?: boolean;
}
interface SubcommandOption {
  readonly type: ApplicationCommandOptionType.Subcommand;
  readonly name: string;
  readonly options?: readonly unknown[];
}

type ValueOf<O> = O extends { readonly type: ApplicationCommandOptionType.String }
  ? string
  : O extends { readonly type: ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Number }
    ? number
    : O extends { readonly type: ApplicationCommandOptionType.Boolean }
      ? boolean
      : never;

/** The values of a list of options, by name: a required option's is always there, another's may be undefined. */
export type OptionsOf<Options> = Options extends readonly unknown[]
  ? {
      [O in Options[number] as O extends ValueOption ? O['name'] : never]: O extends { readonly required: true }
        ? ValueOf<O>
        : ValueOf<O> | undefined;
    }
  : Record<never, never>;

/** One subcommand and its options. */
type SubcommandInput<S> = S extends SubcommandOption ? { subcommand: S['name']; options: OptionsOf<S['options']> } : never;

/** What a command's handler gets: its options; for a command of subcommands, which one and its options; for a message command, the message. */
export type InputOf<D> = D extends { readonly type: ApplicationCommandType.Message }
  ? { message: TargetMessage }
  : D extends { readonly options: readonly (infer O)[] }
    ? [Extract<O, SubcommandOption>] extends [never]
      ? OptionsOf<D['options']>
      : SubcommandInput<O>
    : Record<never, never>;

/** The subcommands of a command, each with its options: a handler table keyed by name is checked to cover them all. */
export type SubcommandHandlers<I extends { subcommand: string; options: unknown }, R> = {
  [K in I['subcommand']]: (options: Extract<I, { subcommand: K }>['options']) => R;
};

/** Runs the handler of the input's subcommand with its options. */
export function dispatch<I extends { subcommand: string; options: unknown }, R>(handlers: SubcommandHandlers<I, R>, input: I): R {
  const name: I['subcommand'] = input.subcommand;
  const handler: (options: unknown) => R = handlers[name];
  return handler(input.options);
}

type Option = APIApplicationCommandOption;

function valueSchema(option: Option): z.ZodType {
  switch (option.type) {
    case ApplicationCommandOptionType.String:
      return z.string();
    case ApplicationCommandOptionType.Integer:
      return z.number().int();
    case ApplicationCommandOptionType.Number:
      return z.number();
    case ApplicationCommandOptionType.Boolean:
      return z.boolean();
    default:
      throw new Error(`option ${option.name}: type ${option.type} is not supported`);
  }
}

/**
 * The schema of a list of options. Discord always sends a required option, but a forged interaction may leave one
 * out: a required text option then reads as empty (as a form's missing input does), and the handler's own checks
 * refuse it in their order (who may act, which claim, then the text) with the reply they give any bad text.
 */
function optionsSchema(options: readonly Option[] = []): z.ZodObject {
  return z.strictObject(
    Object.fromEntries(
      options.map((o) => {
        const schema = valueSchema(o);
        const required = 'required' in o && o.required;
        return [o.name, !required ? schema.optional() : o.type === ApplicationCommandOptionType.String ? z.string().default('') : schema];
      }),
    ),
  );
}

/** The options a slash command takes (a message command takes none). */
export const optionsOf = (definition: CommandDefinition): readonly Option[] => ('options' in definition ? (definition.options ?? []) : []);

const subcommandsOf = (definition: CommandDefinition) =>
  optionsOf(definition).filter(
    (o): o is Extract<Option, { type: ApplicationCommandOptionType.Subcommand }> => o.type === ApplicationCommandOptionType.Subcommand,
  );

/** The option definitions a command (or, for a command of subcommands, the subcommand named) takes. */
export function optionsFor(definition: CommandDefinition, subcommand: string | null): readonly Option[] | undefined {
  const subcommands = subcommandsOf(definition);
  if (!subcommands.length) return optionsOf(definition);
  return subcommands.find((s) => s.name === subcommand)?.options ?? (subcommands.some((s) => s.name === subcommand) ? [] : undefined);
}

/** Whether a command is made of subcommands. */
export const hasSubcommands = (definition: CommandDefinition): boolean => subcommandsOf(definition).length > 0;

/**
 * The input of a command from the raw values a face read (`subcommand` for a command of subcommands), checked
 * against its definition: a value of the wrong type, a missing required one or an unknown one is a problem, named.
 */
export function parseInput<D extends CommandDefinition>(
  definition: D,
  subcommand: string | null,
  values: Record<string, unknown>,
): { ok: true; input: InputOf<D> } | { ok: false; problem: string } {
  const options = optionsFor(definition, subcommand);
  if (!options) return { ok: false, problem: `unknown subcommand ${subcommand ?? '(none)'}` };
  const parsed = optionsSchema(options).safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `${issue?.path.join('.') || 'options'}: ${issue?.message ?? 'invalid'}` };
  }
  const input = hasSubcommands(definition) ? { subcommand, options: parsed.data } : parsed.data;
  return { ok: true, input: input as unknown as InputOf<D> };
}

/** Whether a command runs on a message (Discord's Apps menu) rather than on typed options. */
export const isMessageCommand = (definition: CommandDefinition): boolean => definition.type === ApplicationCommandType.Message;

/** The input of a message command, from the message as a face read it; throws for anything malformed. */
export function messageInput<D extends CommandDefinition>(definition: D, message: unknown): InputOf<D> {
  const parsed = TargetMessage.safeParse(message);
  if (!parsed.success) throw new Error(`${definition.name}: malformed message (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  return { message: parsed.data } as InputOf<D>;
}

/** The input of a Discord slash command interaction; throws for anything its definition does not allow. */
export function readInput<D extends CommandDefinition>(
  definition: D,
  resolver: Pick<CommandInteractionOptionResolver, 'getSubcommand' | 'get'>,
): InputOf<D> {
  const subcommand = hasSubcommands(definition) ? resolver.getSubcommand(true) : null;
  const values: Record<string, unknown> = {};
  for (const option of optionsFor(definition, subcommand) ?? []) {
    const value = resolver.get(option.name)?.value;
    if (value !== undefined) values[option.name] = value;
  }
  const parsed = parseInput(definition, subcommand, values);
  if (!parsed.ok) throw new Error(`/${definition.name}: malformed options (${parsed.problem})`);
  return parsed.input;
}
