// The verdict options of /claim add and /claim edit → a verdict checked by the knowledge layer's schema, or problems
// naming each option as the moderator typed it (`review_url: must be an http(s) URL`). Pure; no Discord.
import { describeIssues, Verdict, VERDICT_CHOICES, type Verdict as VerdictValue } from '../../knowledge/index.js';
import { NO_VERDICT } from './definition.js';

export interface VerdictOptions {
  verdict?: string | undefined;
  rated_by?: string | undefined;
  rated_on?: string | undefined;
  review_url?: string | undefined;
  rating_value?: number | undefined;
  best_rating?: number | undefined;
  worst_rating?: number | undefined;
}

/** The option that sets each field of a verdict. */
const OPTION_OF: Record<keyof VerdictValue, keyof VerdictOptions> = {
  label: 'verdict',
  ratedBy: 'rated_by',
  ratedOn: 'rated_on',
  url: 'review_url',
  ratingValue: 'rating_value',
  bestRating: 'best_rating',
  worstRating: 'worst_rating',
};

export type VerdictChoice =
  /** No verdict option given: the form as usual. */
  | { ok: true; verdict: undefined }
  /** `verdict: None`: remove the claim's verdict. */
  | { ok: true; verdict: null }
  | { ok: true; verdict: VerdictValue }
  | { ok: false; problems: string[] };

const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());

/** The verdict the options give; `today` (YYYY-MM-DD) is its date when rated_on is not given. */
export function verdictFromOptions(options: VerdictOptions, today: string, allowNone: boolean): VerdictChoice {
  const { verdict: label, ...rest } = options;
  const details = (Object.keys(rest) as Array<keyof typeof rest>).filter((k) => rest[k] !== undefined);
  if (label === undefined) {
    return details.length ? { ok: false, problems: [`verdict: choose one to go with ${details.join(', ')}`] } : { ok: true, verdict: undefined };
  }
  if (label === NO_VERDICT && allowNone) {
    return details.length
      ? { ok: false, problems: [`verdict: None removes the verdict; leave out ${details.join(', ')}`] }
      : { ok: true, verdict: null };
  }
  // A forged interaction may send any text: only the offered ratings are taken.
  if (!(VERDICT_CHOICES as readonly string[]).includes(label)) return { ok: false, problems: ['verdict: choose one of the ratings offered'] };
  const ratedBy = blank(options.rated_by);
  const url = blank(options.review_url);
  const parsed = Verdict.safeParse({
    label,
    ...(options.rating_value !== undefined ? { ratingValue: options.rating_value } : {}),
    ...(options.best_rating !== undefined ? { bestRating: options.best_rating } : {}),
    ...(options.worst_rating !== undefined ? { worstRating: options.worst_rating } : {}),
    ...(ratedBy ? { ratedBy } : {}),
    ratedOn: blank(options.rated_on) ?? today,
    ...(url ? { url } : {}),
  });
  if (parsed.success) return { ok: true, verdict: parsed.data };
  const option = (path: readonly PropertyKey[]) => OPTION_OF[path[0] as keyof VerdictValue] ?? path.join('.');
  return { ok: false, problems: describeIssues(parsed.error, undefined, option) };
}
