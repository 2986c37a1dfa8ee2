// The add/edit claim modal: five labelled text inputs, prefilled with the claim on an edit.
import { ComponentType, TextInputStyle } from 'discord-api-types/v10';
import type { APIModalInteractionResponseCallbackData, ModalSubmitInteraction } from 'discord.js';
import { CORRECTION_NOTE_MAX, LIMITS, type VersionedClaim } from '../../knowledge/index.js';
import { truncate } from '../shared/limits.js';
import { claimIds } from './customIds.js';
import { claimToModalValues, MODAL_FIELDS, TEXT_INPUT_MAX, type ModalField, type ModalValues } from './modalInput.js';

interface FieldSpec {
  label: string;
  description: string;
  style: TextInputStyle;
  maxLength: number;
  required: boolean;
  placeholder: string;
}

export const FIELD_SPECS: Record<ModalField, FieldSpec> = {
  statement: {
    label: 'Statement',
    description: 'The claim in one sentence, the way people state it.',
    style: TextInputStyle.Short,
    maxLength: LIMITS.statement,
    required: true,
    placeholder: 'e.g. North Korea sent troops to Russia',
  },
  answer: {
    label: 'Answer',
    description: 'What is known, in a few sentences.',
    style: TextInputStyle.Paragraph,
    maxLength: LIMITS.answer,
    required: true,
    placeholder: 'What the sources say, and what they do not.',
  },
  confidence: {
    label: 'Confidence',
    description: '"confirmed" (established, on the record) or "alleged" (someone claims it).',
    style: TextInputStyle.Short,
    maxLength: 20,
    required: true,
    placeholder: 'confirmed or alleged',
  },
  claimant: {
    label: 'Claimant',
    description: 'Who makes the claim. Required when the confidence is "alleged".',
    style: TextInputStyle.Short,
    maxLength: LIMITS.claimant,
    required: false,
    placeholder: 'e.g. South Korea’s national security adviser',
  },
  sources: {
    label: 'Sources',
    description: 'One per line: name | url | date (YYYY-MM-DD). The url and date are optional.',
    style: TextInputStyle.Paragraph,
    maxLength: TEXT_INPUT_MAX,
    required: true,
    placeholder: 'Reuters | https://www.reuters.com/… | 2024-06-19',
  },
};

function modal(
  customId: string,
  title: string,
  values?: ModalValues,
  specs: Record<ModalField, FieldSpec> = FIELD_SPECS,
): APIModalInteractionResponseCallbackData {
  return {
    custom_id: customId,
    title,
    components: MODAL_FIELDS.map((field) => {
      const spec = specs[field];
      const value = values?.[field];
      return {
        type: ComponentType.Label,
        label: spec.label,
        description: spec.description,
        component: {
          type: ComponentType.TextInput,
          custom_id: field,
          style: spec.style,
          max_length: spec.maxLength,
          required: spec.required,
          placeholder: spec.placeholder,
          ...(value ? { value: value.slice(0, spec.maxLength) } : {}),
        },
      };
    }),
  };
}

export function addClaimModal(): APIModalInteractionResponseCallbackData {
  return modal(claimIds.make('add'), 'Add a claim for this server');
}

/**
 * The edit form, prefilled, naming the version of the claim it shows. Sources the box cannot show faithfully (too
 * long, or with a line break or `|` inside a name) are not shown, and are kept when the box is left empty.
 */
export function editClaimModal({ claim, version }: VersionedClaim): APIModalInteractionResponseCallbackData {
  const { sourcesShown, ...values } = claimToModalValues(claim);
  const n = claim.sources.length;
  const specs = sourcesShown
    ? FIELD_SPECS
    : {
        ...FIELD_SPECS,
        sources: {
          ...FIELD_SPECS.sources,
          required: false,
          description: truncate(`Leave empty to keep its ${n} source${n === 1 ? '' : 's'}: this box cannot show them. Text typed replaces all.`, 100),
          placeholder: 'Empty: the sources stay as they are',
        },
      };
  return modal(claimIds.make('edit', { claimId: claim.id, version }), truncate(`Edit claim ${claim.id}`, 45), values, specs);
}

/** The text of each input as submitted; an input missing from a (forged) submit reads as empty. */
export function submittedValues(interaction: ModalSubmitInteraction): ModalValues {
  const values = {} as ModalValues;
  for (const field of MODAL_FIELDS) {
    const component = interaction.fields.fields.get(field);
    values[field] = component && component.type === ComponentType.TextInput ? component.value : '';
  }
  return values;
}

export const NOTE_FIELD = 'note';

/** The one-field form for the public note of a material edit (the claim form already has Discord's 5 fields). */
export function correctionNoteModal(pendingId: string): APIModalInteractionResponseCallbackData {
  return {
    custom_id: claimIds.make('note', pendingId),
    title: 'Public correction note',
    components: [
      {
        type: ComponentType.Label,
        label: 'What changed and why',
        description: 'Shown on every answer with this claim as “Updated {date}: {note}”.',
        component: {
          type: ComponentType.TextInput,
          custom_id: NOTE_FIELD,
          style: TextInputStyle.Paragraph,
          min_length: 5,
          max_length: CORRECTION_NOTE_MAX,
          required: true,
          placeholder: 'e.g. Corrected the vote count: 31 to 12, not 21 to 12.',
        },
      },
    ],
  };
}

/** The note as submitted; missing from a (forged) submit, it reads as empty. */
export function submittedNote(interaction: ModalSubmitInteraction): string {
  const component = interaction.fields.fields.get(NOTE_FIELD);
  return component && component.type === ComponentType.TextInput ? component.value : '';
}
