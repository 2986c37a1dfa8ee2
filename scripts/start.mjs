// `npm start` (and start:http, start:sharded): runs the compiled bot (dist/), which starts in a fraction of the time
// tsx needs to compile on the fly. When src/ changed since the last build (or there is none yet), it builds first.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', '.built');

function newestIn(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder)) {
    const path = join(folder, entry);
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestIn(path) : stat.mtimeMs);
  }
  return newest;
}

if (!existsSync(built) || newestIn(join(root, 'src')) > statSync(built).mtimeMs) {
  process.stderr.write('Building the bot (src/ changed since the last build)…\n');
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// `npm run start:http` is `npm start` as an HTTP interactions worker; `npm run start:sharded` starts the shards.
// Options (`npm start -- --lang ko`) go on to the bot.
const mode = process.argv[2]?.startsWith('--') ? undefined : process.argv[2];
if (mode !== undefined && mode !== 'http' && mode !== 'sharded') {
  process.stderr.write(`Unknown mode "${mode}": use http or sharded, or nothing for npm start.\n`);
  process.exit(2);
}
if (mode === 'http') process.env.INTERACTIONS_MODE = 'http';
await import(pathToFileURL(join(root, 'dist', mode === 'sharded' ? 'sharded.js' : 'index.js')).href);
