// "Fact-check this message": the message command on any message (Apps menu), and `/check <text>` at the console.
import { defineCommand } from '../shared/types.js';
import { checkButtons } from './components.js';
import { checkDefinition } from './definition.js';
import { runCheck } from './handler.js';

export default defineCommand({
  definition: checkDefinition,
  text: { name: 'check', description: 'Fact-check pasted text, as “Fact-check this message” does on Discord.' },
  run: runCheck,
  components: [checkButtons],
});
