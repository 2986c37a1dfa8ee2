// `npm run loadtest` (`-- --small`, or LOADTEST_SMALL=1, for the small version CI runs): three HTTP interaction
// workers, each the product's own `npm run start:http`, behind nginx running the sample configuration
// (deploy/nginx.conf), on loopback only. They share one database: DATABASE_URL when it is set (PostgreSQL), else one
// SQLite file in WAL mode on this machine. The fake Discord (test/support) signs every interaction with a key pair it
// makes (the workers get its public half as DISCORD_PUBLIC_KEY) and takes the deferred answers' follow-ups.
//
// It sends signed /factcheck interactions (curated questions, pasted posts and off-topic ones, generated), a fixed
// number in flight. Mid-run, a moderator corrects a claim's answer through one worker, and the two others are asked
// until they answer with the correction; later one worker is killed (SIGKILL). The report: how many interactions
// were answered exactly once (in the HTTP response, or by one follow-up after a deferral), never, or twice;
// latency; how long the others took to show the edit; and what the kill cost (failed, passed on by nginx, latency).
//
// It needs nginx (`apt-get install nginx-light`; .ci/run installs it). Node's cluster is no stand-in: its primary
// hands each connection to a worker of its choosing, so neither "the other workers" nor "the killed worker's share"
// could be observed from outside without the workers naming themselves in their answers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { snowflake, startFakeDiscord, type FakeDiscord, type PostedInteraction } from '../test/support/fakeDiscord.js';
import { freePort, nginxMissing, readAccessLog, startNginx } from '../test/support/nginx.js';
import { addLocalClaim, correctAnswer, LOCAL_CLAIM, localAnswer, newSession } from './loadtest/moderator.js';
import { loadQuestions, type QuestionKind } from './loadtest/workload.js';
import { startWorker, type WorkerProcess } from './loadtest/workers.js';

const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface LoadTestOptions {
  interactions: number;
  inFlight: number;
  /** PostgreSQL for the workers to share (default: one SQLite file). */
  databaseUrl?: string;
  /** Progress lines (default: none). */
  progress?: (line: string) => void;
}

export const FULL: LoadTestOptions = { interactions: 5_000, inFlight: 100 };
export const SMALL: LoadTestOptions = { interactions: 300, inFlight: 20 };
/** How many servers the members asking are spread over. */
const SERVERS = 200;
/** How long after the last response a deferred interaction's follow-up may still come. */
const FOLLOW_UP_GRACE_MS = 10_000;

/** One interaction of the run, as the client saw it. */
interface Sent {
  kind: QuestionKind;
  token: string;
  /** ms since the run started */
  sentAt: number;
  respondedAt: number;
  /** The callback type of the response (4: the answer, 5: deferred), when it was one the fake accepted. */
  callback: number | null;
}

export interface LoadTestReport {
  balancer: 'nginx';
  database: 'postgresql' | 'sqlite';
  interactions: number;
  inFlight: number;
  seconds: number;
  perSecond: number;
  answeredOnce: number;
  answeredTwice: number;
  /** Interactions no one answered (a 502, or a deferral never followed up). */
  failed: number;
  /** Answered in the HTTP response, and deferred then followed up. */
  inResponse: number;
  deferred: number;
  /** Response latency, ms (answered ones). */
  p50: number;
  p95: number;
  max: number;
  /** What the answers were, per kind of question. */
  outcomes: Record<QuestionKind, Record<string, number>>;
  /**
   * CPU time per answered interaction: the three workers' together (from /proc; null where there is none), and this
   * process's (signing, TLS, the fake Discord), which shares the machine's cores with them.
   */
  cpu: { workersMsPerInteraction: number | null; loadGeneratorMsPerInteraction: number };
  /** Interactions each worker answered (by nginx's log), before and after the kill. */
  perWorker: Array<{ port: number; beforeKill: number; afterKill: number }>;
  edit: {
    /** ms from the moderator seeing "Updated claim" to each other worker's first answer with the correction. */
    visibleAfterMs: number[];
    /** ms from the moderator's final submit to the same. */
    sinceSubmitMs: number[];
    /** Questions sent to the others after the moderator was told it is saved that still got the old answer. */
    staleAfterSave: number;
    /** Questions asked of the other workers while waiting, and before the edit, the old answer they gave. */
    probes: number;
    oldAnswerBefore: boolean;
  };
  kill: {
    /** ms into the run */
    at: number;
    /** Interactions in flight (sent, not yet answered: at any worker) at that moment. */
    inFlightAtKill: number;
    /** Failed interactions sent before the kill, and after it (nginx sent them on to the dead worker before it knew). */
    failedSentBefore: number;
    failedSentAfter: number;
    /** The last failed one was sent this long after the kill, ms (0 when none was sent after). */
    lastFailedSentAfterMs: number;
    /** nginx's 502s naming the killed worker: the interactions it lost. */
    lostByKilled: number;
    /** Requests nginx passed on to another worker after the first refused them (not sent twice: never received). */
    passedOn: number;
    /** nginx's 502s (and 504s). */
    gatewayErrors: number;
    /** Response latency of the interactions sent in the second after the kill, ms. */
    p50After: number;
    p95After: number;
    maxAfter: number;
  };
  /** The questions asked of single workers for the edit, and the moderator's own: all answered exactly once. */
  sideInteractions: { sent: number; answeredOnce: number };
}

const percentile = (values: number[], p: number) => {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
};

/** A reply's gist: a claim's answer, the closest claims, no claim, or something else. */
function outcomeOf(data: Record<string, unknown> | undefined): string {
  const embeds = (data?.embeds ?? []) as Array<{ title?: string }>;
  const title = embeds[0]?.title ?? '';
  if (title === 'No vetted claim') return 'no claim';
  if (title.startsWith('No vetted answer')) return 'closest claims';
  if (embeds.length) return 'claim';
  return typeof data?.content === 'string' ? data.content.slice(0, 40) : 'empty';
}

/** Every answer the fake received per interaction token: the callback in the response, edits and follow-ups. */
function answersByToken(fake: FakeDiscord): Map<string, Array<Record<string, unknown>>> {
  const byToken = new Map<string, Array<Record<string, unknown>>>();
  for (const r of fake.requests) {
    if (r.status < 200 || r.status >= 300) continue;
    const m = /^\/webhooks\/\d+\/([^/]+)(?:\/messages\/[^/]+)?$/.exec(r.route);
    if (!m || !(r.method === 'POST' || r.method === 'PATCH')) continue;
    // POST /webhooks/app/token is a follow-up; PATCH …/messages/@original (or its id) edits the deferred reply.
    if (r.method === 'POST' && r.route.includes('/messages/')) continue;
    const list = byToken.get(m[1]!) ?? [];
    list.push((r.body ?? {}) as Record<string, unknown>);
    byToken.set(m[1]!, list);
  }
  return byToken;
}

export async function runLoadTest(options: LoadTestOptions): Promise<LoadTestReport> {
  const missing = nginxMissing();
  if (missing) throw new Error(`the load test needs nginx and openssl; ${missing} is not installed (apt-get install nginx-light openssl)`);
  const say = options.progress ?? (() => undefined);
  const folder = mkdtempSync(join(tmpdir(), 'factcheck-loadtest-'));
  const fake = await startFakeDiscord();
  const workers: WorkerProcess[] = [];
  let nginx: Awaited<ReturnType<typeof startNginx>> | undefined;
  try {
    const env = { publicKeyHex: fake.publicKeyHex, apiUrl: fake.apiUrl, databasePath: join(folder, 'shared.db'), databaseUrl: options.databaseUrl };
    const ports = [await freePort(), await freePort(), await freePort()];
    // The first one alone: it builds the bot when src/ changed and creates the database; then the two others.
    workers.push(await startWorker(PROJECT_ROOT, 0, ports[0]!, env));
    workers.push(...(await Promise.all([1, 2].map((i) => startWorker(PROJECT_ROOT, i, ports[i]!, env)))));
    nginx = await startNginx({ folder, upstreams: ports, workerConnections: 1024, accessLog: true });
    const { endpoint, ca } = nginx;
    say(`3 workers (ports ${ports.join(', ')}) behind nginx at ${endpoint}, database: ${options.databaseUrl ? 'PostgreSQL' : 'one SQLite file'}`);

    // The server's own claim, added through worker 0; the two others answer it before the edit.
    const [editor, ...others] = workers as [WorkerProcess, WorkerProcess, WorkerProcess];
    const session = newSession(fake);
    const claimId = await addLocalClaim(session, editor.endpoint);
    const oldAnswers = await Promise.all(others.map((w) => localAnswer(session, w.endpoint)));
    let probes = others.length;
    const oldAnswerBefore = oldAnswers.every((a) => a === LOCAL_CLAIM.answer);

    const questions = loadQuestions(options.interactions);
    const cpuAtStart = workers.map((w) => w.cpuMs());
    const sideBefore = session.posted.length;
    const cpuAtEnd: Array<number | null> = [null, null, null];
    const ownCpuAtStart = process.cpuUsage();
    const sent: Sent[] = [];
    const start = performance.now();
    const now = () => performance.now() - start;
    const editAt = Math.floor(options.interactions * 0.25);
    const killAt = Math.floor(options.interactions * 0.6);
    const victim = workers[2]!;
    let editDone: Promise<Omit<LoadTestReport['edit'], 'probes' | 'oldAnswerBefore'>> | undefined;
    let killedAt = -1;
    /** When its exit was seen: nginx's log counts what it served up to then as before the kill. */
    let goneAt = -1;
    let next = 0;

    const editDuringLoad = async () => {
      // The others are asked over and over while the moderator corrects the claim, until each has answered with
      // the correction and has been asked twice more since the moderator was told it is saved.
      let submittedAt = now();
      let savedAt = Infinity;
      const asked = others.map(async (w) => {
        const seen: Array<{ sentAt: number; respondedAt: number; fresh: boolean }> = [];
        while (!(seen.some((p) => p.fresh) && seen.filter((p) => p.sentAt > savedAt).length >= 2)) {
          const sentAt = now();
          const fresh = (await localAnswer(session, w.endpoint)) === LOCAL_CLAIM.corrected;
          seen.push({ sentAt, respondedAt: now(), fresh });
          probes++;
          if (now() - submittedAt > 30_000) throw new Error(`worker ${w.index} still answered the old claim 30 s after the edit`);
        }
        return seen;
      });
      const saving = (async () => {
        await correctAnswer(session, editor.endpoint, claimId, () => (submittedAt = now()));
        savedAt = now();
      })();
      const [seen] = await Promise.all([Promise.all(asked), saving]);
      const firstFresh = seen.map((probes) => probes.find((p) => p.fresh)!.respondedAt);
      const edit = {
        visibleAfterMs: firstFresh.map((t) => Math.max(0, Math.round(t - savedAt))),
        sinceSubmitMs: firstFresh.map((t) => Math.round(t - submittedAt)),
        staleAfterSave: seen.flat().filter((p) => p.sentAt > savedAt && !p.fresh).length,
      };
      say(`edit saved at ${(savedAt / 1000).toFixed(1)} s; the others answered with it ${edit.visibleAfterMs.join(' and ')} ms after`);
      return edit;
    };

    const one = async (i: number) => {
      const q = questions[i]!;
      const guildId = String(7400000000000000000n + BigInt(i % SERVERS));
      const payload = fake.chatInput({ name: 'factcheck', guildId, userId: snowflake(), options: { question: q.question } });
      const sentAt = now();
      let posted: PostedInteraction | undefined;
      try {
        posted = await fake.postInteraction(endpoint, payload, { ca });
      } catch {
        // the connection failed: not answered
      }
      const callback = posted?.accepted ? ((posted.body as { type: number }).type ?? null) : null;
      sent.push({ kind: q.kind, token: posted?.token ?? payload.token, sentAt, respondedAt: now(), callback });
    };

    const lane = async () => {
      while (next < questions.length) {
        const i = next++;
        if (i === editAt) editDone = editDuringLoad();
        // The edit is measured with both other workers alive: no lane goes past the kill point before it is. Then the
        // lanes go on, and once they have a full load in flight again the third worker is killed without warning.
        if (i >= killAt) await editDone;
        if (i === killAt + options.inFlight) {
          cpuAtEnd[victim.index] = victim.cpuMs();
          killedAt = now();
          await victim.kill();
          goneAt = now();
          say(`worker ${victim.index} (port ${victim.port}) killed at ${(killedAt / 1000).toFixed(1)} s, after ${sent.length} answers`);
        }
        await one(i);
        if (i % 500 === 499) say(`${i + 1} sent`);
      }
    };
    await Promise.all(Array.from({ length: options.inFlight }, lane));
    const seconds = now() / 1000;
    for (const w of workers) if (w !== victim) cpuAtEnd[w.index] = w.cpuMs();
    const ownCpu = process.cpuUsage(ownCpuAtStart);
    const edit = await editDone!;

    // Deferred ones: their answer follows over REST; wait for every one, up to the grace period.
    const until = performance.now() + FOLLOW_UP_GRACE_MS;
    let answers = answersByToken(fake);
    while (performance.now() < until && sent.some((s) => s.callback === 5 && !answers.get(s.token)?.length)) {
      await sleep(200);
      answers = answersByToken(fake);
    }
    await sleep(500); // a second answer, if one were to come, comes now
    answers = answersByToken(fake);

    const answerCount = (s: Sent) => (s.callback === 4 ? 1 : 0) + (answers.get(s.token)?.length ?? 0);
    const answeredOnce = sent.filter((s) => answerCount(s) === 1).length;
    const answeredTwice = sent.filter((s) => answerCount(s) > 1).length;
    const failedOnes = sent.filter((s) => answerCount(s) === 0);
    const latencies = sent.filter((s) => answerCount(s) > 0).map((s) => s.respondedAt - s.sentAt);

    const outcomes = { curated: {}, post: {}, 'off-topic': {} } as LoadTestReport['outcomes'];
    for (const s of sent) {
      if (answerCount(s) === 0) continue;
      const data = s.callback === 4 ? fake.originalMessage(s.token) : answers.get(s.token)!.at(-1);
      const gist = outcomeOf(data as Record<string, unknown> | undefined);
      outcomes[s.kind][gist] = (outcomes[s.kind][gist] ?? 0) + 1;
    }

    // The kill: what the killed worker held, what nginx did, and the latency just after.
    const heldAtKill = sent.filter((s) => s.sentAt < killedAt && s.respondedAt >= killedAt);
    const log = readAccessLog(nginx.accessLogPath);
    // (nginx logs a request when it has passed the answer on; 100 ms covers that and the two clocks' difference)
    const killedEpoch = Date.now() - (now() - goneAt) + 100;
    const perWorker = ports.map((port) => {
      const served = log.filter((e) => e.status === 200 && e.tried.at(-1) === `127.0.0.1:${port}`);
      return { port, beforeKill: served.filter((e) => e.at < killedEpoch).length, afterKill: served.filter((e) => e.at >= killedEpoch).length };
    });
    const afterKill = sent
      .filter((s) => s.sentAt >= killedAt && s.sentAt < killedAt + 1000 && answerCount(s) > 0)
      .map((s) => s.respondedAt - s.sentAt);

    const sideOnce = session.posted.filter(
      (p) => (p.accepted && (p.body as { type: number }).type !== 5 ? 1 : 0) + (answers.get(p.token)?.length ?? 0) === 1,
    );
    const workerCpu =
      cpuAtEnd.every((c) => c !== null) && cpuAtStart.every((c) => c !== null) ? cpuAtEnd.reduce((a, c, i) => a + c - cpuAtStart[i]!, 0) : null;
    const answeredAll = answeredOnce + answeredTwice + session.posted.length - sideBefore;
    return {
      balancer: 'nginx',
      database: options.databaseUrl ? 'postgresql' : 'sqlite',
      interactions: sent.length,
      inFlight: options.inFlight,
      seconds: Math.round(seconds * 10) / 10,
      perSecond: Math.round(sent.length / seconds),
      answeredOnce,
      answeredTwice,
      failed: failedOnes.length,
      inResponse: sent.filter((s) => s.callback === 4).length,
      deferred: sent.filter((s) => s.callback === 5).length,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      max: percentile(latencies, 100),
      outcomes,
      perWorker,
      cpu: {
        workersMsPerInteraction: workerCpu === null ? null : Math.round((workerCpu / answeredAll) * 100) / 100,
        loadGeneratorMsPerInteraction: Math.round(((ownCpu.user + ownCpu.system) / 1000 / sent.length) * 100) / 100,
      },
      edit: { ...edit, probes, oldAnswerBefore },
      kill: {
        at: Math.round(killedAt),
        inFlightAtKill: heldAtKill.length,
        failedSentBefore: failedOnes.filter((s) => s.sentAt < killedAt).length,
        failedSentAfter: failedOnes.filter((s) => s.sentAt >= killedAt).length,
        lastFailedSentAfterMs: Math.round(Math.max(0, ...failedOnes.map((s) => s.sentAt - killedAt))),
        lostByKilled: log.filter((e) => e.status === 502 && e.tried.at(-1) === `127.0.0.1:${victim.port}`).length,
        passedOn: log.filter((e) => e.tried.length > 1).length,
        gatewayErrors: log.filter((e) => e.status === 502 || e.status === 504).length,
        p50After: percentile(afterKill, 50),
        p95After: percentile(afterKill, 95),
        maxAfter: percentile(afterKill, 100),
      },
      sideInteractions: { sent: session.posted.length, answeredOnce: sideOnce.length },
    };
  } finally {
    await nginx?.stop();
    await Promise.all(workers.map((w) => w.stop()));
    await fake.stop();
    if (process.env.LOADTEST_KEEP === '1') for (const w of workers) writeFileSync(join(folder, `worker${w.index}.log`), w.stderr());
    if (process.env.LOADTEST_KEEP === '1') process.stderr.write(`kept ${folder} (nginx's logs are there)\n`);
    else rmSync(folder, { recursive: true, force: true });
  }
}

function printReport(r: LoadTestReport): void {
  const lines = [
    `${r.interactions} signed /factcheck interactions, ${r.inFlight} in flight, 3 workers behind ${r.balancer}, ${r.database}: ${r.seconds} s (${r.perSecond}/s)`,
    `answered exactly once: ${r.answeredOnce}   twice: ${r.answeredTwice}   failed: ${r.failed}   (in the response: ${r.inResponse}, deferred then followed up: ${r.deferred})`,
    `latency (response): p50 ${r.p50} ms   p95 ${r.p95} ms   max ${r.max} ms`,
    `CPU per answered interaction: workers ${r.cpu.workersMsPerInteraction ?? '?'} ms, load generator and fake Discord ${r.cpu.loadGeneratorMsPerInteraction} ms`,
    `answers: ${Object.entries(r.outcomes)
      .map(([kind, o]) => `${kind} ${JSON.stringify(o)}`)
      .join('; ')}`,
    `per worker (nginx's log), before / after the kill: ${r.perWorker.map((w) => `:${w.port} ${w.beforeKill} / ${w.afterKill}`).join(', ')}`,
    `moderator edit through one worker: the others answered with it ${r.edit.visibleAfterMs.map((ms) => `${Math.round(ms)} ms`).join(' and ')} after it was saved (${r.edit.sinceSubmitMs.map((ms) => `${Math.round(ms)} ms`).join(' and ')} after the submit, the probe's own wait included); old answer before: ${r.edit.oldAnswerBefore}; ${r.edit.probes} probes, ${r.edit.staleAfterSave} sent after the save answered the old text)`,
    `side interactions (the moderator's, and the questions asked of single workers for the edit): ${r.sideInteractions.sent}, answered exactly once: ${r.sideInteractions.answeredOnce}`,
    `kill (SIGKILL at ${(r.kill.at / 1000).toFixed(1)} s): ${r.kill.inFlightAtKill} in flight (all workers); failed: ${r.kill.failedSentBefore} sent before it and ${r.kill.failedSentAfter} after (the last ${r.kill.lastFailedSentAfterMs} ms after), ${r.kill.lostByKilled} 502s naming the killed worker; nginx passed ${r.kill.passedOn} on to another worker, answered ${r.kill.gatewayErrors} with 502/504; latency in the second after: p50 ${r.kill.p50After} ms, p95 ${r.kill.p95After} ms, max ${r.kill.maxAfter} ms`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { small: { type: 'boolean', default: false } } });
  const small = values.small || process.env.LOADTEST_SMALL === '1';
  const databaseUrl = process.env.DATABASE_URL || undefined;
  runLoadTest({ ...(small ? SMALL : FULL), databaseUrl, progress: (line) => process.stderr.write(`${line}\n`) }).then(
    printReport,
    (error: unknown) => {
      process.stderr.write(`loadtest failed: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
