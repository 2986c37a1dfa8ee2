// A claim input is checked once. What a form, a file or a caller gives is parsed by the claim schema here, and the
// parsed input is remembered, so that passing it on (the claim form's input to an edit) never parses it again.
import { ValidationError } from './errors.js';
import { detectLanguage } from './matcher/language/detect.js';
import { ClaimInput, describeIssues, type ParsedClaimInput } from './schema.js';

/** The fields a claim form may leave out (the lists, the verdict, the language and translations): an edit then keeps the claim's own. */
export const KEPT_FIELDS = ['questions', 'keywords', 'tags', 'verdict', 'language', 'translations'] as const;
export type KeptField = (typeof KEPT_FIELDS)[number];

declare const checked: unique symbol;
/** A claim input that the claim schema accepted (made only by checkClaimInput and parseClaimInput). */
export type CheckedClaimInput = Readonly<ParsedClaimInput> & { readonly [checked]: true };

/** Each checked input, and which of the kept fields its source gave (the schema fills in the lists as empty). */
const givenFields = new WeakMap<object, ReadonlySet<KeptField>>();

/** The input checked against the claim schema: accepted, or one problem line per field (`sources.0.url: …`). */
export function checkClaimInput(input: unknown, label?: string): { ok: true; input: CheckedClaimInput } | { ok: false; problems: string[] } {
  const parsed = ClaimInput.safeParse(input);
  if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error, label) };
  const given = new Set(KEPT_FIELDS.filter((field) => typeof input === 'object' && input !== null && field in input));
  // A claim's language, when its source does not say, is the one its statement is written in.
  if (!given.has('language')) parsed.data.language = detectLanguage(parsed.data.statement);
  const accepted = Object.freeze(parsed.data) as CheckedClaimInput;
  givenFields.set(accepted, given);
  return { ok: true, input: accepted };
}

/** The input itself when it was checked here already; otherwise checked now (a ValidationError names each problem). */
export function parseClaimInput(input: unknown, label?: string): CheckedClaimInput {
  if (typeof input === 'object' && input !== null && givenFields.has(input)) return input as CheckedClaimInput;
  const result = checkClaimInput(input, label);
  if (!result.ok) throw new ValidationError(result.problems);
  return result.input;
}

/** Which of the kept fields the checked input's source gave. */
export function givenKeptFields(input: CheckedClaimInput): ReadonlySet<KeptField> {
  return givenFields.get(input) ?? new Set(KEPT_FIELDS);
}
