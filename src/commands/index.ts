// The command registry: every slash command the bot has, in one list that every face reads (Discord routes and
// deploys from it, the offline console lists, runs and presses from it). Adding a command is a folder
// under src/commands/ and one line here.
import about from './about/index.js';
import check from './check/index.js';
import claim from './claim/index.js';
import factcheck from './factcheck/index.js';
import { createRegistry } from './shared/registry.js';

export const registry = createRegistry([factcheck, check, claim, about]);

/** The JSON Discord registers, for the deploy script. */
export const commandDefinitions = () => registry.definitions();
