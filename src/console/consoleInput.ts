// A command's options typed on one console line, as Discord's own client writes them: `name:value` pairs
// (`/claim list page:2`), or, for a command with one required text option, just the text (`/factcheck did …`).
// For a command of subcommands the subcommand comes first. Checked against the command's definition, like
// Discord's input, before its handler runs.
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { APIApplicationCommandOption } from 'discord.js';
import { hasSubcommands, optionsFor, optionsOf, parseInput, type CommandDefinition, type InputOf } from '../commands/shared/options.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function typedValue(option: APIApplicationCommandOption, text: string): unknown {
  if (option.type === ApplicationCommandOptionType.Boolean) return text === 'true' ? true : text === 'false' ? false : text;
  if (option.type === ApplicationCommandOptionType.Integer || option.type === ApplicationCommandOptionType.Number) {
    return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  }
  return text;
}

/** The raw values of `name:value` pairs, or of the text alone when it is the one required text option's. */
function values(options: readonly APIApplicationCommandOption[], text: string): Record<string, unknown> | string {
  if (!text) return {};
  const names = options.map((o) => o.name);
  const pair = names.length ? new RegExp(`(?:^|\\s)(${names.map(escape).join('|')}):`, 'g') : null;
  const starts = pair ? [...text.matchAll(pair)] : [];
  if (starts.length && text.startsWith(`${starts[0]![1]!}:`)) {
    const out: Record<string, unknown> = {};
    starts.forEach((match, i) => {
      const name = match[1]!;
      const from = match.index + match[0].length;
      const to = i + 1 < starts.length ? starts[i + 1]!.index : text.length;
      out[name] = typedValue(
        options.find((o) => o.name === name)!,
        text.slice(from, to).trim(),
      );
    });
    return out;
  }
  const required = options.filter((o) => 'required' in o && o.required);
  const only = required.length === 1 && required[0]!.type === ApplicationCommandOptionType.String ? required[0]! : undefined;
  return only ? { [only.name]: text } : `unexpected "${text.slice(0, 40)}"`;
}

/** The command's input from the text after its name, or the problem with it. */
export function readConsoleInput<D extends CommandDefinition>(
  definition: D,
  text: string,
): { ok: true; input: InputOf<D> } | { ok: false; problem: string } {
  let rest = text.trim();
  let subcommand: string | null = null;
  if (hasSubcommands(definition)) {
    [subcommand = ''] = rest.split(/\s+/, 1);
    rest = rest.slice(subcommand.length).trim();
  }
  const options = optionsFor(definition, subcommand);
  if (!options) return { ok: false, problem: subcommand ? `unknown subcommand ${subcommand}` : 'a subcommand is needed' };
  const raw = values(options, rest);
  if (typeof raw === 'string') return { ok: false, problem: raw };
  const missing = options.find((o) => 'required' in o && o.required && (raw[o.name] === undefined || raw[o.name] === ''));
  if (missing) return { ok: false, problem: `${missing.name} is missing` };
  return parseInput(definition, subcommand, raw);
}

/** How a command is typed: `/factcheck <question> [private:<true|false>]`, `/claim <add|edit|…>`. */
export function usage(definition: CommandDefinition): string {
  if (hasSubcommands(definition)) {
    const names = optionsOf(definition).map((o) => o.name);
    return `/${definition.name} <${names.join('|')}>`;
  }
  const parts = optionsOf(definition).map((o) => {
    const shown = o.type === ApplicationCommandOptionType.Boolean ? `${o.name}:<true|false>` : `${o.name}:<${o.name}>`;
    return 'required' in o && o.required ? `<${o.name}>` : `[${shown}]`;
  });
  return [`/${definition.name}`, ...parts].join(' ');
}
