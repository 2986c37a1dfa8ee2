// The registry every face reads: the commands by name and their component handlers by custom_id prefix, each module
// checked when registered (a malformed one, two commands with one name, or two features claiming one prefix, fail
// at start-up). Discord routes and deploys from it; the console lists, runs and presses from it.
import type { CommandDefinition } from './options.js';
import { CommandModule, type Command, type ComponentHandler } from './types.js';

export interface Registry {
  commands: ReadonlyMap<string, Command>;
  components: ReadonlyMap<string, ComponentHandler>;
  /** The JSON Discord registers, for the deploy script. */
  definitions(): CommandDefinition[];
}

export function createRegistry(modules: readonly Command[]): Registry {
  const commands = new Map<string, Command>();
  const typed = new Set<string>();
  const components = new Map<string, ComponentHandler>();
  modules.forEach((module, i) => {
    const checked = CommandModule.safeParse(module);
    if (!checked.success) throw new Error(`command module #${i} is malformed: ${checked.error.message}`);
    if (commands.has(module.definition.name)) throw new Error(`two commands are named /${module.definition.name}`);
    // Text faces type a message command by its text name: it must not be another command's.
    const typedName = module.text?.name ?? module.definition.name;
    if (typed.has(typedName)) throw new Error(`two commands are typed /${typedName}`);
    typed.add(typedName);
    commands.set(module.definition.name, module);
    for (const handler of module.components ?? []) {
      if (components.has(handler.ids.prefix)) throw new Error(`two component handlers use the custom_id prefix "${handler.ids.prefix}"`);
      components.set(handler.ids.prefix, handler);
    }
  });
  return { commands, components, definitions: () => [...commands.values()].map((c) => c.definition) };
}
