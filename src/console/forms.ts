// A form (Discord's modal) as the console asks it: one prompt per field, in order. A short text is one line; a
// paragraph is every line up to an empty one; a select is chosen by its number. A field shown with a value (an edit
// form) keeps it when the answer is empty. What comes back is what Discord would send: each field's text or choice.
import { ComponentType, TextInputStyle } from 'discord-api-types/v10';
import type { APIModalInteractionResponseCallbackData } from 'discord.js';

/** Reads the next line typed (or piped), after showing `prompt`; null at the end of input. */
export type Ask = (prompt: string) => Promise<string | null>;

interface Field {
  label: string;
  description?: string | undefined;
  input:
    | { type: ComponentType.TextInput; custom_id: string; style: TextInputStyle; required?: boolean | undefined; value?: string | undefined }
    | {
        type: ComponentType.StringSelect;
        custom_id: string;
        required?: boolean | undefined;
        options: Array<{ label: string; value: string; description?: string | undefined; default?: boolean | undefined }>;
      };
}

function fieldsOf(modal: APIModalInteractionResponseCallbackData): Field[] {
  return modal.components.flatMap((c): Field[] => {
    if (c.type === ComponentType.Label && (c.component.type === ComponentType.TextInput || c.component.type === ComponentType.StringSelect)) {
      return [{ label: c.label, description: c.description, input: c.component }];
    }
    if (c.type === ComponentType.ActionRow) return c.components.map((t): Field => ({ label: t.label ?? t.custom_id, input: t }));
    return [];
  });
}

async function askText(field: Field & { input: { type: ComponentType.TextInput } }, ask: Ask): Promise<string | null> {
  const { input } = field;
  const paragraph = input.style === TextInputStyle.Paragraph;
  const kept = input.value ? ` [Enter keeps: ${input.value.replace(/\n/g, ' / ').slice(0, 80)}${input.value.length > 80 ? '…' : ''}]` : '';
  const first = await ask(`${field.label}${paragraph ? ' (end with an empty line)' : ''}${kept}:`);
  if (first === null) return null;
  if (first.trim() === '' && input.value) return input.value;
  if (!paragraph || first.trim() === '') return first;
  const lines = [first];
  for (;;) {
    const line = await ask('');
    if (line === null || line.trim() === '') break;
    lines.push(line);
  }
  return lines.join('\n');
}

async function askChoice(field: Field & { input: { type: ComponentType.StringSelect } }, ask: Ask): Promise<string | null> {
  const { options } = field.input;
  const preset = options.findIndex((o) => o.default);
  const list = options.map((o, i) => `${i + 1}. ${o.label}${o.description ? ` — ${o.description}` : ''}`).join('\n  ');
  for (;;) {
    const answer = await ask(`${field.label}, choose 1-${options.length}${preset >= 0 ? ` [Enter keeps ${preset + 1}]` : ''}:\n  ${list}`);
    if (answer === null) return null;
    const typed = answer.trim();
    if (typed === '' && preset >= 0) return options[preset]!.value;
    const byNumber = /^\d+$/.test(typed) ? options[Number(typed) - 1] : undefined;
    const chosen = byNumber ?? options.find((o) => o.label.toLowerCase() === typed.toLowerCase() || o.value === typed);
    if (chosen) return chosen.value;
    if (typed === '' && !field.input.required) return '';
  }
}

/** The form's fields, asked one by one; null when the input ended before the form was filled in. */
export async function fillForm(modal: APIModalInteractionResponseCallbackData, ask: Ask): Promise<Record<string, string> | null> {
  const values: Record<string, string> = {};
  for (const field of fieldsOf(modal)) {
    const value =
      field.input.type === ComponentType.TextInput
        ? await askText(field as Field & { input: { type: ComponentType.TextInput } }, ask)
        : await askChoice(field as Field & { input: { type: ComponentType.StringSelect } }, ask);
    if (value === null) return null;
    values[field.input.custom_id] = value;
  }
  return values;
}
