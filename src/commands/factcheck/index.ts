// /factcheck: a member's question, answered from the claim base, with its buttons (closest claims, feedback,
// "Notify me").
import { defineCommand } from '../shared/types.js';
import { feedbackButtons, suggestionButtons } from './components.js';
import { factcheckDefinition } from './definition.js';
import { autocompleteFactcheck, runFactcheck } from './handler.js';
import { notifyButtons } from './notify.js';

export default defineCommand({
  definition: factcheckDefinition,
  run: runFactcheck,
  autocomplete: autocompleteFactcheck,
  components: [suggestionButtons, feedbackButtons, notifyButtons],
});
