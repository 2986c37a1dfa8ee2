// The matcher's fitted model, read from model.json (written by `npm run fit:matcher`, never by hand). It has two
// regimes, fitted on a small base (the curated claims) and on a large archive (14,231 fact checks): over a small base
// how much of a question a claim covers decides; over a large one, retrieval scores, the lead over the runner-up and
// dates weigh more. A base between the two sizes gets a blend of both, by the logarithm of its size.
//
// Each regime has three logistic regressions: `rank` orders the candidate claims of a question (fitted on pairs of a
// right and a wrong candidate of the same question, over the features of features.ts); `calibrate` turns a
// candidate's rank score, its gap to the best one and its features into the probability that it is right (what suggestions are
// chosen by); `decide` scores the best candidate, from that probability, its lead over the runner-up and its
// features, as the odds that it is what the question is about, shifted so that even odds is the answer threshold.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { FEATURES } from './features.js';

const Regression = z
  .object({
    features: z.array(z.string()),
    mean: z.array(z.number()),
    scale: z.array(z.number()),
    weights: z.array(z.number()),
    bias: z.number(),
  })
  .strict()
  .refine((r) => r.mean.length === r.features.length && r.scale.length === r.features.length && r.weights.length === r.features.length, {
    message: 'mean, scale and weights need one number per feature',
  });
export type Regression = z.infer<typeof Regression>;

/**
 * What the decision model reads besides the best candidate's features: its rank score, its lead, and how alike the
 * runner-up's statement is (a lead over a sibling that says nearly the same is a smaller doubt than over another).
 */
export const DECISION_INPUTS = ['rankScore', 'rankLead', 'nextAlike'] as const;
/**
 * Everything the decision model reads: the best candidate's rank score and lead, its features, and how far each of
 * its features is above the runner-up's (a claim that only ties its sibling is a less sure answer than one that
 * stands apart on what the question asks).
 */
export const DECISION_FEATURES = [...DECISION_INPUTS, ...FEATURES, ...FEATURES.map((f) => `${f}OverNext`)];
/** What the calibration reads besides the candidate's features: its rank log-odds, and its gap to the best one's. */
export const CALIBRATION_INPUTS = ['rankLogit', 'rankGap'] as const;

const Regime = z
  .object({
    name: z.string(),
    /** The number of claims of the base this regime was fitted on. */
    claims: z.number().int().min(1),
    rank: Regression,
    calibrate: Regression,
    decide: Regression,
    /** Claims whose rank score reaches this are offered as suggestions. */
    suggestAt: z.number().min(0).max(1),
  })
  .strict();
export type Regime = z.infer<typeof Regime>;

export const MatcherModel = z
  .object({
    about: z.string().optional(),
    version: z.literal(2),
    /** How many candidates BM25F retrieves for the features to score. */
    candidates: z.number().int().min(1).max(200),
    /** How much a post's signature (author, handle) counts in retrieval, against 1 for the post's own words. */
    authorWeight: z.number().min(0).max(1),
    /** The small-base regime first, then the large-base one. */
    regimes: z.tuple([Regime, Regime]),
    /**
     * The small-base regime for questions in a language other than English, read with that language's analysis over
     * the claims in it (fitted on questions in those languages): it stands in for the small one, never for English.
     */
    foreign: Regime.optional(),
    fittedOn: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    const checked: Array<[Regime, (string | number)[]]> = m.regimes.map((regime, i) => [regime, ['regimes', i]]);
    if (m.foreign) checked.push([m.foreign, ['foreign']]);
    const calibration = [...CALIBRATION_INPUTS, ...FEATURES].join();
    const decision = DECISION_FEATURES.join();
    for (const [regime, path] of checked) {
      if (regime.rank.features.join() !== FEATURES.join())
        ctx.addIssue({ code: 'custom', path: [...path, 'rank', 'features'], message: `must be ${FEATURES.join(', ')}` });
      if (regime.calibrate.features.join() !== calibration)
        ctx.addIssue({ code: 'custom', path: [...path, 'calibrate', 'features'], message: `must be ${calibration}` });
      if (regime.decide.features.join() !== decision)
        ctx.addIssue({ code: 'custom', path: [...path, 'decide', 'features'], message: `must be ${decision}` });
    }
    if (m.regimes[0].claims >= m.regimes[1].claims) ctx.addIssue({ code: 'custom', path: ['regimes'], message: 'the small-base regime comes first' });
    if (m.foreign && m.foreign.claims >= m.regimes[1].claims)
      ctx.addIssue({ code: 'custom', path: ['foreign', 'claims'], message: 'must be fewer than the large-base regime has' });
  });
export type MatcherModel = z.infer<typeof MatcherModel>;

export const MODEL_FILE = new URL('./model.json', import.meta.url);

export function readModel(file: URL | string = MODEL_FILE): MatcherModel {
  const parsed = MatcherModel.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`matcher model ${String(file)}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * The model as a question in another language than English is decided by: its own small-base regime in place of
 * the English one (the large-base regime stays: over a large base, retrieval scores and leads weigh alike in every
 * language). A model without one decides those questions as it does English ones.
 */
export function foreignModel(model: MatcherModel): MatcherModel {
  return model.foreign ? { ...model, regimes: [model.foreign, model.regimes[1]] } : model;
}

/** The log-odds a regression gives a feature vector. */
export function logit(regression: Regression, x: readonly number[]): number {
  let s = regression.bias;
  for (let j = 0; j < x.length; j++) s += (regression.weights[j]! * (x[j]! - regression.mean[j]!)) / regression.scale[j]!;
  return s;
}

export const sigmoid = (s: number) => 1 / (1 + Math.exp(-s));
export const logOdds = (p: number) => Math.log(Math.max(1e-9, p) / Math.max(1e-9, 1 - p));

/** Each candidate's probability of being right, by one regime: its rank score, calibrated against the best one's. */
export function rankProbabilities(regime: Regime, features: readonly number[][]): number[] {
  const logits = features.map((x) => logit(regime.rank, x));
  const best = Math.max(...logits);
  return logits.map((l, i) => sigmoid(logit(regime.calibrate, [l, l - best, ...features[i]!])));
}

/** How much each regime counts for a base of `claims` claims (the two weights sum to 1). */
export function regimeWeights(model: MatcherModel, claims: number): [number, number] {
  const [small, large] = model.regimes;
  const x = Math.log10(1 + claims);
  const x0 = Math.log10(1 + small.claims);
  const x1 = Math.log10(1 + large.claims);
  const w = Math.min(1, Math.max(0, (x - x0) / (x1 - x0)));
  return [1 - w, w];
}
