// The command loader: every slash command and component handler the bot has, each checked when loaded.
import about from './about.js';
import claim from './claim/index.js';
import claimComponents from './claim/components.js';
import factcheck from './factcheck.js';
import factcheckButtons from './factcheckButtons.js';
import feedbackButtons from './feedbackButtons.js';
import { CommandModule, ComponentModule, type Command, type ComponentHandler } from './types.js';

function load<T>(schema: { parse(v: unknown): unknown }, modules: T[], kind: string): T[] {
  return modules.map((m, i) => {
    try {
      schema.parse(m);
      return m;
    } catch (error) {
      throw new Error(`${kind} module #${i} is malformed: ${(error as Error).message}`);
    }
  });
}

export const commands: ReadonlyMap<string, Command> = new Map(
  load<Command>(CommandModule, [factcheck, claim, about], 'command').map((c) => [c.data.name, c]),
);

export const components: ReadonlyMap<string, ComponentHandler> = new Map(
  load<ComponentHandler>(ComponentModule, [factcheckButtons, feedbackButtons, claimComponents], 'component').map((c) => [c.prefix, c]),
);

/** The JSON Discord registers, for the deploy script. */
export const commandDefinitions = () => [...commands.values()].map((c) => c.data);
