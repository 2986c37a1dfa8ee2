// HTTP interaction workers for the load test: each one the product's own `npm run start:http` entry
// (scripts/start.mjs http, which runs the compiled bot and builds it first when src/ changed), a process of its
// own on a loopback port, told the fake Discord's REST address and the application's public key.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface WorkerProcess {
  /** 0, 1, 2… */
  index: number;
  port: number;
  /** `http://127.0.0.1:<port>/interactions`, to reach this worker without the load balancer. */
  endpoint: string;
  child: ChildProcess;
  /** What it wrote to stderr (start-up errors, warnings). */
  stderr(): string;
  /** CPU time the process has used so far, ms (Linux: /proc; null elsewhere or once it exited). */
  cpuMs(): number | null;
  /** Killed without warning: SIGKILL, nothing finished. */
  kill(): Promise<void>;
  /** Stopped as a deployment does: SIGTERM, interactions in flight finished. */
  stop(): Promise<void>;
}

export interface WorkerEnv {
  publicKeyHex: string;
  apiUrl: string;
  /** The shared SQLite file, used when no databaseUrl is given. */
  databasePath: string;
  /** `postgres://…`: the workers share that database instead (DATABASE_URL). */
  databaseUrl?: string;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

function cpuMsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the command name (which is in parentheses and may hold spaces): utime is the 12th, stime the 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /s, '')
      .split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));

export async function startWorker(root: string, index: number, port: number, env: WorkerEnv): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs'), 'http'], {
    cwd: root,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DISCORD_PUBLIC_KEY: env.publicKeyHex,
      DISCORD_API_URL: env.apiUrl,
      // Never a real bot token against the fake (an empty value keeps .env's out too).
      DISCORD_TOKEN: '',
      DATABASE_PATH: env.databasePath,
      DATABASE_URL: env.databaseUrl ?? '',
      // The moderator in the test edits twice within seconds; members each ask once, so theirs stays as shipped.
      MODERATOR_WRITE_COOLDOWN_SECONDS: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const endpoint = `http://127.0.0.1:${port}/interactions`;
  // Up to 3 minutes: the first worker may build the bot first.
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`worker ${index} exited at start-up: ${stderr.trim()}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (attempt > 1800) {
      child.kill('SIGKILL');
      throw new Error(`worker ${index} did not answer /healthz: ${stderr.trim()}`);
    }
    await sleep(100);
  }
  return {
    index,
    port,
    endpoint,
    child,
    stderr: () => stderr,
    cpuMs: () => cpuMsOf(child.pid),
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}
