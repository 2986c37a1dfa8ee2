// Adding a command is a folder and one line in the registry: the registry is what every face reads, so a command
// added to it is registered with Discord, answered through the real client, and listed and run by the offline
// console, with nothing else to change. Shown with a command this test adds.
import { ApplicationCommandOptionType, ApplicationCommandType, ButtonStyle, ComponentType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandDefinitions, registry } from '../src/commands/index.js';
import { Cooldowns } from '../src/commands/shared/cooldowns.js';
import { createRegistry } from '../src/commands/shared/registry.js';
import { defineCommand, type BotContext, type Command, type ComponentHandler } from '../src/commands/shared/types.js';
import { parseEnv } from '../src/config/env.js';
import { customIds } from '../src/commands/shared/customId.js';
import { consoleContext, consoleHelp, consoleReply, ConsoleSession } from '../src/console/offlineConsole.js';
import { z } from 'zod';
import { KnowledgeBase } from '../src/knowledge/index.js';
import { createLogger } from '../src/log.js';
import { startTestBot, type TestBot } from './support/botHarness.js';
import { tempDatabasePath } from './support/knowledge.js';

/** The folder a new command would be: its definition, and a handler typed from it. */
const echo = defineCommand({
  definition: {
    name: 'echo',
    description: 'Says back what you typed.',
    type: ApplicationCommandType.ChatInput,
    options: [{ type: ApplicationCommandOptionType.String, name: 'text', description: 'What to say', required: true }],
  } as const,
  run: (_ctx, { caller, input }) => Promise.resolve({ content: `${input.text} (from ${caller.guildId ?? 'no server'})`, ephemeral: true }),
});
/** A message command with a button under its reply: the button is pressed on either face through the registry too. */
const shoutIds = customIds('shout', { again: z.string().regex(/^[a-z]{1,20}$/) });
const shout = defineCommand({
  definition: { name: 'Shout this message', type: ApplicationCommandType.Message } as const,
  text: { name: 'shout', description: 'Shouts pasted text.' },
  run: (_ctx, { input }) =>
    Promise.resolve({
      content: input.message.content.toUpperCase(),
      components: [
        {
          type: ComponentType.ActionRow,
          components: [{ type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Again', custom_id: shoutIds.make('again', 'once') }],
        },
      ],
      ephemeral: true,
    }),
  components: [
    {
      ids: shoutIds,
      button: (_ctx, { control, caller }) => Promise.resolve({ content: `again: ${control.value} (by ${caller.userId})`, ephemeral: true }),
      refuse: () => Promise.resolve({ content: 'no', ephemeral: true }),
    } satisfies ComponentHandler<NonNullable<ReturnType<typeof shoutIds.parse>>> as ComponentHandler,
  ],
});
/** …and their one line in the registry. */
const withEcho = createRegistry([...registry.commands.values(), echo as Command, shout as Command]);

let t: TestBot;
let kb: KnowledgeBase;
let ctx: BotContext;
beforeAll(async () => {
  t = await startTestBot({ registry: withEcho });
  kb = await KnowledgeBase.open({ databasePath: tempDatabasePath() });
  ctx = consoleContext({ kb, env: parseEnv({}), log: createLogger('silent'), cooldowns: Cooldowns.off() }, () => undefined);
});
afterAll(async () => {
  await t?.stop();
  await kb?.close();
});

describe('a command added to the registry', () => {
  it('is registered with Discord and answered by the bot', async () => {
    expect(withEcho.definitions().map((d) => d.name)).toEqual([...commandDefinitions().map((d) => d.name), 'echo', 'Shout this message']);
    const { id } = t.fake.sendInteraction(t.fake.chatInput({ name: 'echo', options: { text: 'hello' }, guildId: '8800000000000000001' }));
    const cb = (await t.fake.waitForCallback(id, 5000)) as { type: number; data: { content: string; flags: number } };
    expect(cb).toMatchObject({ type: 4, data: { content: 'hello (from 8800000000000000001)', flags: 64 } });
  });

  it('as a message command, runs on a message in Discord, and its button is pressed there', async () => {
    const { id } = t.fake.sendInteraction(
      t.fake.messageCommand({ name: 'Shout this message', target: { content: 'hello' }, guildId: '8800000000000000001' }),
    );
    const cb = (await t.fake.waitForCallback(id, 5000)) as {
      type: number;
      data: { content: string; components: Array<{ components: Array<{ custom_id: string }> }> };
    };
    expect(cb.data.content).toBe('HELLO');
    const pressed = t.fake.sendInteraction(
      t.fake.button({ customId: cb.data.components[0]!.components[0]!.custom_id, userId: '8800000000000000002' }),
    );
    expect(await t.fake.waitForCallback(pressed.id, 5000)).toMatchObject({ type: 4, data: { content: 'again: once (by 8800000000000000002)' } });
  });

  it('as a message command, runs on pasted text in the console, and its button is pressed there by its key', async () => {
    expect(consoleHelp(withEcho)).toMatch(/^ {2}\/shout <text> +Shouts pasted text\.$/m);
    const shown: string[] = [];
    const session = new ConsoleSession(
      ctx,
      () => Promise.resolve(null),
      (text) => void shown.push(text),
      withEcho,
    );
    await session.handle('/shout hello');
    expect(shown.pop()).toBe('HELLO\n\n[a] Again\n\n');
    await session.handle('a');
    expect(shown.pop()).toBe('again: once (by curated)\n\n');
  });

  it('is listed and run by the offline console', async () => {
    expect(consoleHelp(withEcho)).toMatch(/^ {2}\/echo <text> +Says back what you typed\.$/m);
    expect(await consoleReply(ctx, '/echo hello there', withEcho)).toEqual({ content: 'hello there (from no server)', ephemeral: true });
    expect(await consoleReply(ctx, '/echo', withEcho)).toEqual({ content: 'Usage: /echo <text>' });
    // Without it, the console does not know it.
    expect(((await consoleReply(ctx, '/echo hello', registry)) as { content: string }).content).toMatch(/^Unknown command \/echo/);
  });
});

describe('the registry', () => {
  it('lists every command of the bot in the console, a message command by the name typed there', () => {
    const help = consoleHelp();
    for (const command of registry.commands.values()) expect(help).toContain(`/${command.text?.name ?? command.definition.name}`);
    expect(help).toMatch(/^ {2}\/check <text> +Fact-check pasted text/m);
    expect(help).toMatch(/^ {2}\/claim <add\|edit\|/m);
  });

  it('refuses, at start-up, two commands with one name or two features with one custom_id prefix', () => {
    const commands = [...registry.commands.values()];
    expect(() => createRegistry([...commands, commands[0]!])).toThrow(/two commands are named \/factcheck/);
    const copy = { ...echo, components: commands[0]!.components } as Command;
    expect(() => createRegistry([...commands, copy])).toThrow(/two component handlers use the custom_id prefix "fc"/);
    expect(() => createRegistry([{ ...echo, definition: { ...echo.definition, name: 'Not A Name' } } as Command])).toThrow(/malformed/);
  });
});
