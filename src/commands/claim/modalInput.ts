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

/** One typed source line, split into its columns (`name | url | date | quote`); empty columns are left out. */
function splitSourceLine(line: string): Record<string, string> {
  const [name = '', url = '', date = '', ...quote] = line.split(SOURCE_SEPARATOR).map((part) => part.trim());
  const columns: Record<string, string> = { name };
  if (url) columns.url = url;
  if (date) columns.date = date;
  const joinedQuote = quote.join(` ${SOURCE_SEPARATOR} `).trim();
  if (joinedQuote) columns.quote = joinedQuote;
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
  const { sources, problems: sourceProblems } = parseSources(raw.sources);
  problems.push(...sourceProblems);
  if (!scalars.success || problems.length) return { ok: false, problems };

  const { claimant, ...rest } = scalars.data;
  // The claim schema has the rules that span fields (a claimant is required when the claim is alleged).
  const checked = checkClaimInput({ ...rest, ...(claimant ? { claimant } : {}), sources });
  return checked.ok ? { ok: true, input: checked.input } : { ok: false, problems: checked.problems };
}

/** A source as one line of the sources box; round-trips through parseModalInput. */
export function formatSourceLine(source: Source, withQuote = true): string {
  const columns = [source.name, source.url ?? '', source.date ?? ''];
  if (withQuote && source.quote) columns.push(source.quote);
  while (columns.length > 1 && columns[columns.length - 1] === '') columns.pop();
  return columns.join(` ${SOURCE_SEPARATOR} `);
}

/** The modal's text for an existing claim. Quotes are left out only if they would not fit in the box. */
export function claimToModalValues(claim: Claim): ModalValues {
  let sources = claim.sources.map((s) => formatSourceLine(s)).join('\n');
  if (sources.length > TEXT_INPUT_MAX) sources = claim.sources.map((s) => formatSourceLine(s, false)).join('\n');
  return {
    statement: claim.statement,
    answer: claim.answer,
    confidence: claim.confidence,
    claimant: claim.claimant ?? '',
    sources: sources.slice(0, TEXT_INPUT_MAX),
  };
}
