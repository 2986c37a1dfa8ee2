// The bot in a process of its own, as `npm start` runs it with a token (the entry point through tsx), against a
// fake Discord: for tests that need what only a separate process has (a real restart, its own file size limit).
import { spawn, type ChildProcess } from 'node:child_process';
import type { FakeDiscord } from './fakeDiscord.js';
import { PROJECT_ROOT } from './knowledge.js';

export interface BotProcess {
  child: ChildProcess;
  /** Everything it wrote on stderr so far (its JSON log lines). */
  log(): string;
  /** Waits (up to `timeoutMs`) until a line of its log contains `text`. */
  waitForLog(text: string, timeoutMs?: number): Promise<void>;
  /** SIGTERM, as a service manager stops it; resolves with its exit code. */
  stop(): Promise<number | null>;
}

export interface BotProcessOptions {
  databasePath: string;
  env?: Record<string, string>;
  /**
   * A file size limit for the process, in 512-byte blocks (`ulimit -f`): a write past it fails, as on a full disk.
   * SIGXFSZ is ignored, so the write fails instead of killing the bot.
   */
  fileSizeLimitBlocks?: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the bot and resolves once it is connected and has logged "ready as". */
export async function startBotProcess(fake: FakeDiscord, options: BotProcessOptions): Promise<BotProcess> {
  const entry = [process.execPath, '--import', 'tsx', 'src/index.ts'];
  const [file, args] =
    options.fileSizeLimitBlocks === undefined
      ? [entry[0]!, entry.slice(1)]
      : ['sh', ['-c', `trap '' XFSZ; ulimit -f ${options.fileSizeLimitBlocks}; exec "$@"`, 'sh', ...entry]];
  const child = spawn(file, args, {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      // tsx caches compiled files on disk; a file size limit must only meet the database.
      ...(options.fileSizeLimitBlocks === undefined ? {} : { TSX_DISABLE_CACHE: '1' }),
      DATABASE_PATH: options.databasePath,
      DISCORD_TOKEN: fake.botToken,
      DISCORD_CLIENT_ID: fake.appId,
      DISCORD_API_URL: fake.apiUrl,
      LOG_LEVEL: 'info',
      ...options.env,
    },
  });
  let log = '';
  child.stderr!.on('data', (d) => (log += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitForLog = async (text: string, timeoutMs = 10_000) => {
    for (let waited = 0; !log.includes(text); waited += 50) {
      if (waited >= timeoutMs) throw new Error(`the bot did not log "${text}" within ${timeoutMs} ms:\n${log}`);
      await pause(50);
    }
  };
  await waitForLog('ready as', 30_000);
  return {
    child,
    log: () => log,
    waitForLog,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
