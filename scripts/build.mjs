// `npm run build` (also run by `npm ci`, as `prepare`): compiles src/ to dist/ with tsc, and copies the data files
// the code reads beside itself (the curated base and its lexicon, the language files, the matcher's model).
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

rmSync(join(root, 'dist'), { recursive: true, force: true });
const run = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);

function* jsonFiles(folder) {
  for (const entry of readdirSync(folder)) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) yield* jsonFiles(path);
    else if (entry.endsWith('.json')) yield path;
  }
}
for (const file of jsonFiles(join(root, 'src'))) cpSync(file, join(root, 'dist', relative(join(root, 'src'), file)));
writeFileSync(join(root, 'dist', '.built'), `${new Date().toISOString()}\n`);
