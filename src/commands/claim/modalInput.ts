// The claim modal's text, both ways: what a moderator typed → a checked claim input (or problems naming each field),
// and a claim → the text that prefills the modal for an edit. Pure functions; no Discord, no database.
import { z } from 'zod';
import { checkClaimInput, CONFIDENCE_LEVELS, describeIssues, LIMITS, Source, type CheckedClaimInput, type Claim } from '../../knowledge/index.js';

export const MODAL_FIELDS = ['statement', 'answer', 'confidence', 'claimant', 'sources'] as const;
export type ModalField = (typeof MODAL_FIELDS)[number];
export type ModalValues = Record<ModalField, string>;

/** Discord's cap on a text input's length. */
export const TEXT_INPUT_MAX = 4000;
export const SOURCE_SEPARATOR = '|';

/**
 * The claim input the form gives, checked by the knowledge layer once (and not again by the add or edit it goes
 * to): statement, answer, confidence, claimant and sources. An edit keeps the claim's questions, keywords and tags.
 */
export type ModalParseResult = { ok: true; input: CheckedClaimInput } | { ok: false; problems: string[] };

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

const ScalarFields = z.object({
  statement: text(LIMITS.statement),
  answer: text(LIMITS.answer),
  confidence: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(CONFIDENCE_LEVELS, { message: `must be ${CONFIDENCE_LEVELS.map((c) => `"${c}"`).join(' or ')}` })),
  claimant: z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(z.string().max(LIMITS.claimant, `at most ${LIMITS.claimant} characters`).optional()),
});

/**
 * One typed source line, split into its columns (`name | url | date | quote`); empty columns are left out. The quote
 * is the rest of the line, as typed: a `|` inside it stays as it is.
 */
function splitSourceLine(line: string): Record<string, string> {
  const parts = line.split(SOURCE_SEPARATOR);
  const [name = '', url = '', date = ''] = parts.map((part) => part.trim());
  const columns: Record<string, string> = { name };
  if (url) columns.url = url;
  if (date) columns.date = date;
  const quote = parts.slice(3).join(SOURCE_SEPARATOR).trim();
  if (quote) columns.quote = quote;
  return columns;
}

/** The sources box: one source per non-blank line; problems name the line as the moderator sees it (1-based). */
function parseSources(raw: string): { sources: Source[]; problems: string[] } {
  const sources: Source[] = [];
  const problems: string[] = [];
  const lines = raw.split(/\r?\n/);
  let count = 0;
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    count++;
    const result = Source.safeParse(splitSourceLine(line));
    if (result.success) sources.push(result.data);
    else problems.push(...describeIssues(result.error, `sources line ${index + 1}`));
  });
  if (count === 0) problems.push(`sources: at least one source, one per line: name ${SOURCE_SEPARATOR} url ${SOURCE_SEPARATOR} date`);
  if (count > LIMITS.sources) problems.push(`sources: at most ${LIMITS.sources} sources (found ${count})`);
  return { sources, problems };
}

/**
 * What the moderator typed → the claim content, or every problem at once, each naming its field
 * (`confidence: must be "confirmed" or "alleged"`, `sources line 2: url: must be an http(s) URL`).
 * Missing fields (a forged submit) count as empty.
 */
export function parseModalInput(values: Partial<Record<ModalField, string>>): ModalParseResult {
  return readForm(values);
}

/** The form's boxes → a checked claim input; `keptSources` stand for the sources box (an edit that keeps them). */
function readForm(values: Partial<Record<ModalField, string>>, keptSources?: Source[]): ModalParseResult {
  const raw: ModalValues = {
    statement: values.statement ?? '',
    answer: values.answer ?? '',
    confidence: values.confidence ?? '',
    claimant: values.claimant ?? '',
    sources: values.sources ?? '',
  };
  const problems: string[] = [];
  const scalars = ScalarFields.safeParse(raw);
  if (!scalars.success) problems.push(...describeIssues(scalars.error));
  const { sources, problems: sourceProblems } = keptSources ? { sources: keptSources, problems: [] } : parseSources(raw.sources);
  problems.push(...sourceProblems);
  if (!scalars.success || problems.length) return { ok: false, problems };

  const { claimant, ...rest } = scalars.data;
  // The claim schema has the rules that span fields (a claimant is required when the claim is alleged).
  const checked = checkClaimInput({ ...rest, ...(claimant ? { claimant } : {}), sources });
  return checked.ok ? { ok: true, input: checked.input } : { ok: false, problems: checked.problems };
}

/** A source as one line of the sources box. */
export function formatSourceLine(source: Source): string {
  const columns = [source.name, source.url ?? '', source.date ?? ''];
  if (source.quote) columns.push(source.quote);
  while (columns.length > 1 && columns[columns.length - 1] === '') columns.pop();
  return columns.join(` ${SOURCE_SEPARATOR} `);
}

/**
 * The sources box's text for a claim's sources, or null when the box cannot show them faithfully: longer than it
 * holds, or with a line break or a `|` where the box would read it as a new source or column. The box shows them only
 * if its text reads back as exactly these sources.
 */
export function sourcesText(sources: readonly Source[]): string | null {
  const text = sources.map(formatSourceLine).join('\n');
  if (text.length > TEXT_INPUT_MAX) return null;
  const read = parseSources(text);
  return read.problems.length === 0 && sameSources(read.sources, sources) ? text : null;
}

const sameSources = (a: readonly Source[], b: readonly Source[]) =>
  a.length === b.length && a.every((s, i) => s.name === b[i]!.name && s.url === b[i]!.url && s.date === b[i]!.date && s.quote === b[i]!.quote);

/** The edit form's text for an existing claim; `sources` is empty when the box cannot show them (see sourcesText). */
export function claimToModalValues(claim: Claim): ModalValues & { sourcesShown: boolean } {
  const sources = sourcesText(claim.sources);
  return {
    statement: claim.statement,
    answer: claim.answer,
    confidence: claim.confidence,
    claimant: claim.claimant ?? '',
    sources: sources ?? '',
    sourcesShown: sources !== null,
  };
}

/** A submitted box compared with what the form showed in it: Discord sends line breaks as \r\n or \n. */
const sameText = (typed: string, shown: string) => typed.replace(/\r\n?/g, '\n').trim() === shown.replace(/\r\n?/g, '\n').trim();

/**
 * What an edit form gives, read against the claim it was opened on (the claim at the version its custom_id names):
 * a box left as the form showed it keeps the claim's own value, exactly, so an unchanged form changes nothing; and a
 * sources box the form could not show keeps the claim's sources when left empty (`keptSources`: the reply says how
 * to change them).
 */
export function parseEditInput(values: ModalValues, claim: Claim): ModalParseResult & { keptSources?: boolean } {
  const shown = claimToModalValues(claim);
  const kept = (field: 'statement' | 'answer' | 'claimant') => (sameText(values[field], shown[field]) ? { [field]: claim[field] ?? '' } : {});
  const keepSources = shown.sourcesShown ? sameText(values.sources, shown.sources) : values.sources.trim() === '';
  const read = readForm({ ...values, ...kept('statement'), ...kept('answer'), ...kept('claimant') }, keepSources ? claim.sources : undefined);
  return read.ok ? { ...read, keptSources: keepSources && !shown.sourcesShown } : read;
}
