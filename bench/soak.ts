// Soak: drives many interactions through the real bot (in this process) and the fake Discord, many in flight, and
// checks that each got exactly one answer and that memory stays bounded. Prints figures; exits 1 if a check fails.
//
//   npm run soak -- [--interactions 2000] [--concurrency 50] [--max-growth-mb 64] [--max-heap-growth-mb 16] [--warmup 100]
//
// The mix: /factcheck questions that get an answer, closest-claim suggestions or nothing; autocomplete; suggestion
// and feedback buttons; /about. Members come from a pool, so some ask again within the /factcheck cooldown and are
// told to wait (that is an answer too). The fake Discord enforces the 3 s deadline: a late answer counts as failed.
// Latency is from dispatching the interaction to its callback reaching Discord. RSS is sampled every 25 ms; the
// peak of the last quarter of the run may exceed the peak of the first quarter by at most --max-growth-mb, and the
// live heap after a full collection may grow by at most --max-heap-growth-mb from the end of the first quarter to the
// end (what the bot keeps, whatever the collector's timing). The run starts once the language detector has loaded
// (the bot loads it a second after it starts) and after a warm-up of --warmup interactions (answered and checked like
// the rest, not in the figures), so the growth measured is the steady state's, not the start's (the detector's 40 MB,
// compiling, caches filling). It prints the live heap at each quarter; with SOAK_SNAPSHOT=file it writes a heap
// snapshot at the end.
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { pathToFileURL } from 'node:url';
import { startTestBot } from '../test/support/botHarness.js';
import type { FakeDiscord, SentInteraction } from '../test/support/fakeDiscord.js';
import { loadLanguageDetector } from '../src/knowledge/index.js';

/** A full garbage collection: Node's `gc` when started with --expose-gc, else the same one, exposed now. */
function fullCollection(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

export interface SoakOptions {
  interactions: number;
  concurrency: number;
  /** Bound on the RSS growth from the first quarter's peak to the last quarter's; unset: not checked. */
  maxGrowthMb?: number;
  /** Bound on the live heap's growth (after a full collection) from the end of the first quarter to the end. */
  maxHeapGrowthMb: number;
  /** Interactions answered before the measured run starts (default 100). */
  warmup?: number;
  /** Called with each line of the report as it is made. */
  print?: (line: string) => void;
}

export interface SoakResult {
  ok: boolean;
  interactions: number;
  concurrency: number;
  answered: number;
  failed: number;
  /** Interactions with more than one accepted callback. */
  answeredTwice: number;
  byKind: Record<string, number>;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  seconds: number;
  peakRssMb: number;
  firstQuarterPeakMb: number;
  lastQuarterPeakMb: number;
  growthMb: number;
  errorsLogged: number;
  /** Live heap after a full collection at the start and after each quarter. */
  liveHeapMb: number[];
  problems: string[];
}

const GUILD = '4400000000000000001';
const DEADLINE_MS = 3000;

const ANSWERED = [
  'how many barrels of oil did russia send to north korea',
  'did moscow hand pyongyang anti-aircraft missiles?',
  'north korean soldiers fighting in ukraine',
  "what's the UN yearly limit on oil for north korea",
  'how many tanker trips carried russian oil',
  'did north korea launch a spy satellite',
];
const SUGGESTED = ['did belarus deploy soldiers into ukraine', 'did china send oil to russia', 'are there north korean workers in russia'];
const NOTHING = ['where is the best pizza in new york', 'what is the weather tomorrow', 'who won the football last night'];
const TYPED = ['oil barr', 'air def', 'troo', 'satel', 'north k', 'sanct', 'zzz'];

/** A small deterministic generator, so two runs drive the same mix. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  let errorsLogged = 0;
  const t = await startTestBot({
    // The server is in the bot's cache, as on Discord, so members who interact are cached (within limits) too.
    fake: { callbackDeadlineMs: DEADLINE_MS, guilds: [{ id: GUILD }] },
    env: { FACTCHECK_COOLDOWN_SECONDS: '5', MODERATOR_WRITE_COOLDOWN_SECONDS: '2', LOG_LEVEL: 'warn' },
    logSink: () => errorsLogged++,
  });
  const fake: FakeDiscord = t.fake;
  try {
    // The bot loads its language detector (about 40 MB) a second after it starts; the soak measures what it keeps
    // once started, so it waits for that first.
    await loadLanguageDetector();
    // Buttons need questions to point at: one with suggestions, one answered (for the feedback buttons).
    const seedAnswer = (question: string, userId: string) =>
      fake.waitForCallback(fake.sendInteraction(fake.chatInput({ name: 'factcheck', options: { question }, guildId: GUILD, userId })).id);
    const suggestion = (await seedAnswer(SUGGESTED[0]!, '4400000000000009001')) as {
      data?: { components?: Array<{ components: Array<{ custom_id: string }> }> };
    };
    const pickId = suggestion.data?.components?.[0]?.components[0]?.custom_id ?? 'fc:pick:1-1';
    const answer = (await seedAnswer(ANSWERED[0]!, '4400000000000009002')) as {
      data?: { components?: Array<{ components: Array<{ custom_id: string }> }> };
    };
    const feedbackIds = answer.data?.components?.[0]?.components.map((c) => c.custom_id) ?? ['fb:helpful:1'];

    const next = random(20_26);
    const users = Math.max(1, Math.floor(options.interactions / 2));
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
    const byKind: Record<string, number> = {};
    const makeInteraction = (n: number): { kind: string; payload: Parameters<FakeDiscord['sendInteraction']>[0] } => {
      const userId = `44000000000${String(1_000_000 + Math.floor(next() * users)).padStart(8, '0')}`;
      const base = { guildId: GUILD, userId };
      const roll = next();
      if (roll < 0.45)
        return { kind: 'factcheck: answer', payload: fake.chatInput({ name: 'factcheck', options: { question: pick(ANSWERED) }, ...base }) };
      if (roll < 0.58)
        return { kind: 'factcheck: suggestions', payload: fake.chatInput({ name: 'factcheck', options: { question: pick(SUGGESTED) }, ...base }) };
      if (roll < 0.68)
        return {
          kind: 'factcheck: nothing',
          payload: fake.chatInput({ name: 'factcheck', options: { question: `${pick(NOTHING)} ${n}` }, ...base }),
        };
      if (roll < 0.85)
        return { kind: 'autocomplete', payload: fake.autocomplete({ name: 'factcheck', options: { question: pick(TYPED) }, ...base }) };
      if (roll < 0.9) return { kind: 'suggestion button', payload: fake.button({ customId: pickId, ...base }) };
      if (roll < 0.96) return { kind: 'feedback button', payload: fake.button({ customId: pick(feedbackIds), ...base }) };
      return { kind: 'about', payload: fake.chatInput({ name: 'about', ...base }) };
    };

    // The soak counts callbacks itself, as the fake records them, and keeps the fake's own records short: its
    // look-ups scan every request so far, which at thousands of interactions would measure the fake, not the bot.
    const callbacks = new Map<string, number>();
    const waiters = new Map<string, () => void>();
    const keepShort = <T>(log: T[], onRecord?: (item: T) => void) => {
      const push = log.push.bind(log);
      log.push = (...items: T[]) => {
        if (onRecord) for (const item of items) onRecord(item);
        const n = push(...items);
        if (log.length > 2000) log.splice(0, log.length - 200);
        return n;
      };
    };
    // Every callback attempt counts (an answered interaction is forgotten by the fake, so a second attempt would be
    // refused there, but it is still a second answer); nothing in the soak makes Discord refuse or retry one.
    const late = new Set<string>();
    keepShort(fake.requests, (r) => {
      const id = /^\/interactions\/(\d+)\/[^/]+\/callback$/.exec(r.route)?.[1];
      if (!id || r.method !== 'POST') return;
      if (r.status === 404 && !callbacks.has(id)) late.add(id);
      callbacks.set(id, (callbacks.get(id) ?? 0) + 1);
      waiters.get(id)?.();
    });
    keepShort(fake.gatewayLog);
    const callbackOf = (id: string) =>
      new Promise<void>((resolve, reject) => {
        if (callbacks.has(id)) return resolve();
        const timer = setTimeout(() => {
          waiters.delete(id);
          reject(new Error(`no callback for ${id}`));
        }, DEADLINE_MS + 2000);
        waiters.set(id, () => {
          clearTimeout(timer);
          waiters.delete(id);
          resolve();
        });
      });

    const latencies: number[] = [];
    const sent: SentInteraction[] = [];
    let failed = 0;
    let started = 0;
    let completed = 0;
    const samples: Array<{ progress: number; rss: number }> = [];
    const warmup = options.warmup ?? 100;
    let measuring = false;
    const sample = () => {
      if (measuring) samples.push({ progress: (completed - warmup) / options.interactions, rss: process.memoryUsage().rss });
    };
    // With --expose-gc (npm run soak), the live heap after a full collection at each quarter of the run.
    const gc = fullCollection();
    const liveHeapMb: number[] = [];
    const measureHeap = () => {
      gc();
      liveHeapMb.push(mb(process.memoryUsage().heapUsed));
    };
    const quarter = Math.max(1, Math.floor(options.interactions / 4));
    const worker = (until: number) => async () => {
      while (started < until) {
        const { kind, payload } = makeInteraction(started++);
        const at = performance.now();
        const interaction = fake.sendInteraction(payload);
        if (measuring) {
          byKind[kind] = (byKind[kind] ?? 0) + 1;
          sent.push(interaction);
        }
        try {
          await callbackOf(interaction.id);
          if (late.has(interaction.id)) failed++;
          else if (measuring) latencies.push(performance.now() - at);
        } catch {
          failed++;
        }
        fake.forget(interaction.id);
        completed++;
        const done = completed - warmup;
        if (measuring && done % quarter === 0 && done < options.interactions) measureHeap();
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker(warmup)));
    measuring = true;
    measureHeap();
    const sampler = setInterval(sample, 25);
    const t0 = performance.now();
    await Promise.all(Array.from({ length: options.concurrency }, worker(warmup + options.interactions)));
    const seconds = (performance.now() - t0) / 1000;
    // Late duplicates would arrive now, if any.
    await new Promise((resolve) => setTimeout(resolve, 500));
    clearInterval(sampler);
    sample();
    measureHeap();
    if (process.env.SOAK_SNAPSHOT) (await import('node:v8')).writeHeapSnapshot(process.env.SOAK_SNAPSHOT);

    let answered = 0;
    let answeredTwice = 0;
    for (const { id } of sent) {
      const n = callbacks.get(id) ?? 0;
      if (n >= 1) answered++;
      if (n > 1) answeredTwice++;
    }
    const unanswered = sent.length - answered;
    const sorted = [...latencies].sort((a, b) => a - b);
    const quarterPeak = (from: number, to: number) =>
      mb(Math.max(0, ...samples.filter((s) => s.progress >= from && s.progress <= to).map((s) => s.rss)));
    const firstQuarterPeakMb = quarterPeak(0, 0.25);
    const lastQuarterPeakMb = quarterPeak(0.75, 1);
    const peakRssMb = mb(Math.max(...samples.map((s) => s.rss)));
    const growthMb = lastQuarterPeakMb - firstQuarterPeakMb;

    const problems: string[] = [];
    if (unanswered) problems.push(`${unanswered} interaction(s) never answered`);
    if (answeredTwice) problems.push(`${answeredTwice} interaction(s) answered more than once`);
    if (failed) problems.push(`${failed} interaction(s) not answered within ${DEADLINE_MS} ms`);
    if (options.maxGrowthMb !== undefined && growthMb > options.maxGrowthMb)
      problems.push(`RSS grew ${growthMb.toFixed(1)} MB from the first to the last quarter (bound ${options.maxGrowthMb} MB)`);
    const heapGrowthMb = liveHeapMb.at(-1)! - liveHeapMb[1]!;
    if (heapGrowthMb > options.maxHeapGrowthMb)
      problems.push(`the live heap grew ${heapGrowthMb.toFixed(1)} MB after the first quarter (bound ${options.maxHeapGrowthMb} MB)`);
    if (errorsLogged) problems.push(`${errorsLogged} warning(s) or error(s) logged`);

    const result: SoakResult = {
      ok: problems.length === 0,
      interactions: options.interactions,
      concurrency: options.concurrency,
      answered: answered - answeredTwice,
      failed: failed + unanswered + answeredTwice,
      answeredTwice,
      byKind,
      p50Ms: percentile(sorted, 50),
      p95Ms: percentile(sorted, 95),
      maxMs: sorted.at(-1) ?? 0,
      seconds,
      peakRssMb,
      firstQuarterPeakMb,
      lastQuarterPeakMb,
      growthMb,
      errorsLogged,
      liveHeapMb,
      problems,
    };
    print(
      `Soak: ${result.interactions} interactions, ${result.concurrency} in flight, through the fake Discord (3 s deadline), after a warm-up of ${warmup}`,
    );
    print(
      `  mix: ${Object.entries(byKind)
        .sort()
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}`,
    );
    print(`  answered exactly once: ${result.answered}   failed: ${result.failed}   answered twice: ${answeredTwice}`);
    print(`  latency (dispatch → callback): p50 ${result.p50Ms.toFixed(1)} ms, p95 ${result.p95Ms.toFixed(1)} ms, max ${result.maxMs.toFixed(1)} ms`);
    print(`  throughput: ${(result.interactions / seconds).toFixed(0)} interactions/s over ${seconds.toFixed(1)} s`);
    print(
      `  peak RSS: ${peakRssMb.toFixed(0)} MB (first-quarter peak ${firstQuarterPeakMb.toFixed(0)} MB, last-quarter peak ` +
        `${lastQuarterPeakMb.toFixed(0)} MB, growth ${growthMb.toFixed(1)} MB, bound ${options.maxGrowthMb === undefined ? 'none' : `${options.maxGrowthMb} MB`})`,
    );
    print(
      `  live heap after GC, start and each quarter: ${liveHeapMb.map((h) => h.toFixed(1)).join(' → ')} MB ` +
        `(growth after the first quarter ${heapGrowthMb.toFixed(1)} MB, bound ${options.maxHeapGrowthMb} MB)`,
    );
    print(result.ok ? '  OK' : `  FAILED: ${problems.join('; ')}`);
    return result;
  } finally {
    await t.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      interactions: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '50' },
      'max-growth-mb': { type: 'string', default: '64' },
      'max-heap-growth-mb': { type: 'string', default: '16' },
      warmup: { type: 'string', default: '100' },
    },
    strict: true,
  });
  const number = (name: string, text: string, min: number) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name}: must be a whole number ≥ ${min}`);
    return n;
  };
  const result = await runSoak({
    interactions: number('interactions', values.interactions, 1),
    concurrency: number('concurrency', values.concurrency, 1),
    maxGrowthMb: number('max-growth-mb', values['max-growth-mb'], 1),
    maxHeapGrowthMb: number('max-heap-growth-mb', values['max-heap-growth-mb'], 1),
    warmup: number('warmup', values.warmup, 0),
  });
  process.exitCode = result.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`soak: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}
