// The add/edit claim modal: five labelled fields, prefilled with the claim on an edit. Confidence is a select
// (Confirmed / Alleged) in its Label, the others text inputs.
import { ComponentType, TextInputStyle } from 'discord-api-types/v10';
import type { APILabelComponent, APIModalInteractionResponseCallbackData } from 'discord.js';
import {
  CONFIDENCE_LEVELS,
  confidenceOfVerdict,
  CORRECTION_NOTE_MAX,
  LIMITS,
  type Confidence,
  type Verdict,
  type VersionedClaim,
} from '../../knowledge/index.js';
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
    description: 'Confirmed: established, on the record. Alleged: someone claims it (name them below).',
    style: TextInputStyle.Short,
    maxLength: 20,
    required: true,
    placeholder: 'Confirmed or Alleged',
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

/** How each confidence level reads in the form's select. */
const CONFIDENCE_OPTIONS: Record<Confidence, { label: string; description: string }> = {
  confirmed: { label: 'Confirmed', description: 'Established: reported as fact, on the record, or admitted.' },
  alleged: { label: 'Alleged', description: 'Someone claims it; not independently verified.' },
};

/** The confidence select: one of the levels, the claim's own chosen on an edit. */
function confidenceSelect(current: string | undefined): APILabelComponent['component'] {
  const spec = FIELD_SPECS.confidence;
  return {
    type: ComponentType.StringSelect,
    custom_id: 'confidence',
    placeholder: spec.placeholder,
    min_values: 1,
    max_values: 1,
    required: true,
    options: CONFIDENCE_LEVELS.map((level) => ({ ...CONFIDENCE_OPTIONS[level], value: level, ...(current === level ? { default: true } : {}) })),
  };
}

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
      if (field === 'confidence')
        return { type: ComponentType.Label, label: spec.label, description: spec.description, component: confidenceSelect(value) };
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

/** The add form; with a verdict (waiting as `pendingId`), titled with it and its confidence filled in. */
export function addClaimModal(rated?: { pendingId: string; verdict: Verdict }): APIModalInteractionResponseCallbackData {
  if (!rated) return modal(claimIds.make('add'), 'Add a claim for this server');
  const confidence = confidenceOfVerdict(rated.verdict.label);
  const values = { statement: '', answer: '', confidence, claimant: '', sources: '' };
  return modal(claimIds.make('add-rated', rated.pendingId), truncate(`Add a claim rated ${rated.verdict.label}`, 45), values);
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
export function submittedValues(fields: Readonly<Record<string, string>>): ModalValues {
  const values = {} as ModalValues;
  for (const field of MODAL_FIELDS) values[field] = fields[field] ?? '';
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
export function submittedNote(fields: Readonly<Record<string, string>>): string {
  return fields[NOTE_FIELD] ?? '';
}
