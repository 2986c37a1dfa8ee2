// Discord's documented limits on what a bot may send, checked on reply payloads and on the request bodies the fake
// Discord received. Each function returns the problems found (empty: Discord would accept it), so a property test
// can print what broke for which input.
import type { APIEmbed } from 'discord.js';
import type { ReplyPayload } from '../../src/commands/shared/types.js';

export const DISCORD = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  selectOptions: 25,
  selectOptionLabel: 100,
  selectOptionValue: 100,
  selectOptionDescription: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

type Component = { type?: number; custom_id?: string; label?: string; options?: Array<{ label: string; value: string; description?: string }> };

function text(problems: string[], what: string, value: string | undefined, max: number, required = false): void {
  if (value === undefined) {
    if (required) problems.push(`${what}: missing`);
    return;
  }
  if (required && value.trim() === '') problems.push(`${what}: empty`);
  if (value.length > max) problems.push(`${what}: ${value.length} > ${max}`);
  if (LONE_SURROGATE.test(value)) problems.push(`${what}: not well-formed UTF-16 (a lone surrogate)`);
}

function embedSize(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

export function embedProblems(embed: APIEmbed, at = 'embed'): string[] {
  const problems: string[] = [];
  text(problems, `${at}.title`, embed.title, DISCORD.title);
  text(problems, `${at}.description`, embed.description, DISCORD.description);
  text(problems, `${at}.footer`, embed.footer?.text, DISCORD.footer);
  text(problems, `${at}.author`, embed.author?.name, DISCORD.authorName);
  const fields = embed.fields ?? [];
  if (fields.length > DISCORD.fields) problems.push(`${at}.fields: ${fields.length} > ${DISCORD.fields}`);
  fields.forEach((f, i) => {
    text(problems, `${at}.fields[${i}].name`, f.name, DISCORD.fieldName, true);
    text(problems, `${at}.fields[${i}].value`, f.value, DISCORD.fieldValue, true);
  });
  const total = embedSize(embed);
  if (total > DISCORD.embedTotal) problems.push(`${at}: total ${total} > ${DISCORD.embedTotal}`);
  return problems;
}

function componentProblems(rows: Array<{ components: Component[] }>): string[] {
  const problems: string[] = [];
  if (rows.length > DISCORD.actionRows) problems.push(`components: ${rows.length} rows > ${DISCORD.actionRows}`);
  rows.forEach((row, r) => {
    if (row.components.length > DISCORD.buttonsPerRow) problems.push(`row ${r}: ${row.components.length} components > ${DISCORD.buttonsPerRow}`);
    row.components.forEach((c, i) => {
      const at = `row ${r}[${i}]`;
      text(problems, `${at}.custom_id`, c.custom_id, DISCORD.customId);
      text(problems, `${at}.label`, c.label, DISCORD.buttonLabel);
      const options = c.options ?? [];
      if (options.length > DISCORD.selectOptions) problems.push(`${at}.options: ${options.length} > ${DISCORD.selectOptions}`);
      options.forEach((o, j) => {
        text(problems, `${at}.options[${j}].label`, o.label, DISCORD.selectOptionLabel, true);
        text(problems, `${at}.options[${j}].value`, o.value, DISCORD.selectOptionValue, true);
        text(problems, `${at}.options[${j}].description`, o.description, DISCORD.selectOptionDescription);
      });
    });
  });
  return problems;
}

/** Problems of a reply as the commands build it (before it is sent). */
export function payloadProblems(payload: ReplyPayload): string[] {
  const problems: string[] = [];
  const embeds = payload.embeds ?? [];
  if (payload.content === undefined && embeds.length === 0) problems.push('reply: neither content nor embeds');
  text(problems, 'content', payload.content, DISCORD.content);
  if (embeds.length > DISCORD.embeds) problems.push(`embeds: ${embeds.length} > ${DISCORD.embeds}`);
  embeds.forEach((e, i) => problems.push(...embedProblems(e, `embeds[${i}]`)));
  // The 6000 characters are counted over all the embeds of a message together.
  const total = embeds.reduce((n, e) => n + embedSize(e), 0);
  if (total > DISCORD.embedTotal) problems.push(`embeds: total ${total} > ${DISCORD.embedTotal}`);
  problems.push(...componentProblems((payload.components ?? []) as unknown as Array<{ components: Component[] }>));
  return problems;
}

/** Problems of autocomplete choices. */
export function choiceProblems(choices: Array<{ name: string; value: string }>): string[] {
  const problems: string[] = [];
  if (choices.length > DISCORD.choices) problems.push(`choices: ${choices.length} > ${DISCORD.choices}`);
  choices.forEach((c, i) => {
    text(problems, `choices[${i}].name`, c.name, DISCORD.choiceName, true);
    text(problems, `choices[${i}].value`, c.value, DISCORD.choiceValue, true);
  });
  return problems;
}

/**
 * Problems of a message body as sent to Discord (an interaction callback's `data`, or a webhook edit): the limits
 * above, and mentions never parsed.
 */
export function sentMessageProblems(data: Record<string, unknown> | undefined): string[] {
  if (!data) return ['no message data'];
  const problems = payloadProblems({
    ...(typeof data.content === 'string' ? { content: data.content } : {}),
    ...(Array.isArray(data.embeds) ? { embeds: data.embeds as APIEmbed[] } : {}),
    ...(Array.isArray(data.components) ? { components: data.components as never } : {}),
  });
  const allowed = data.allowed_mentions as { parse?: unknown[] } | undefined;
  if (!allowed || !Array.isArray(allowed.parse) || allowed.parse.length !== 0)
    problems.push(`allowed_mentions: ${JSON.stringify(allowed)} (mentions would be parsed)`);
  return problems;
}
