// Manages claim files and the claims in the database from the command line.
//
//   npm run claims -- validate FILE [--format json|claimreview]
//   npm run claims -- import FILE [--guild ID] [--actor USERID] [--format json|claimreview]
//   npm run claims -- export [--guild ID] [--out FILE] [--format json|claimreview|datafeed]
//   npm run claims -- list [--guild ID]
//
// Without --guild a command works on the curated scope (the base every server sees); with it, on that server's own
// claims. Imports are all or nothing and are recorded in the audit trail as made by "curated", or, for a server
// import, by the Discord user given with --actor. Export writes every field of every claim of the scope, retired
// ones included, so the file imports back unchanged. With --format claimreview it writes schema.org ClaimReview
// records of the scope's active claims (a retired claim is no longer a published review), sorted by id, which import
// back to the same records; --format datafeed writes them as a schema.org DataFeed. Import with --format
// claimreview reads ClaimReview in any shape: a record, an array, a page's @graph, a DataFeed.
// Exit codes: 0 done, 2 bad input (nothing written), 1 failure.
import { z } from 'zod';
import { loadEnv } from '../config/env.js';
import { Actor, GuildId, ValidationError, type Claim, type ClaimRecords } from '../knowledge/index.js';
import { checkClaimFile, fileProblems, FileFormat, serializeClaims, writeClaimFile } from './claimFile.js';
import { openKnowledgeBase, parseCommandLine, runCli, UsageError } from './run.js';

const USAGE = `usage: npm run claims -- <command>
  validate FILE                           check a claim file (a JSON array) against the schema
  import FILE [--guild ID] [--actor ID]   add or update the file's claims, all or nothing
  export [--guild ID] [--out FILE]        write the scope's claims as a claim file (stdout without --out)
  list [--guild ID]                       id, confidence and statement of the scope's active claims
Without --guild: the curated scope. Imports are made by "curated", or by --actor (a Discord user id) for a server.
validate, import and export take --format json (the default: our claim records) or --format claimreview
(schema.org ClaimReview JSON-LD: import reads a record, an array, a page's @graph or a DataFeed; export writes
the active claims as an array, or with --format datafeed as a DataFeed, with author CLAIMREVIEW_AUTHOR for the
claims rated here and, when PUBLIC_BASE_URL is set, a url for each).`;

const oneFile = z.array(z.string().min(1, 'FILE must not be empty')).length(1, 'expected one FILE');
const noPositionals = z.array(z.string()).max(0, 'unexpected argument');
const scopeName = (guild: string | undefined) => (guild ? `server ${guild}` : 'the curated scope');

const ValidateArgs = z.object({ positionals: oneFile, format: FileFormat });
const ImportArgs = z
  .object({ positionals: oneFile, guild: GuildId.optional(), actor: Actor.optional(), format: FileFormat })
  .refine((a) => !a.actor || a.guild, { path: ['actor'], message: 'only with --guild; curated-scope imports are made by "curated"' });
const ExportArgs = z.object({
  positionals: noPositionals,
  guild: GuildId.optional(),
  out: z.string().min(1, 'must not be empty').optional(),
  format: FileFormat,
});
const ListArgs = z.object({ positionals: noPositionals, guild: GuildId.optional() });

const guildOption = { guild: { type: 'string' } } as const;
const formatOption = { format: { type: 'string' } } as const;

const claimCount = (n: number, kind?: string) => `${n} ${kind ? `${kind} ` : ''}claim${n === 1 ? '' : 's'}`;

/** "3 ClaimReview records" or "3 claims", and what a ClaimReview file held besides (a page's other nodes). */
function recordCount(records: ClaimRecords, format: string): string {
  if (format === 'json') return claimCount(records.records.length);
  const n = records.records.length;
  const others = [...records.ignored.values()].reduce((a, b) => a + b, 0);
  const passed = others ? ` (${others} node${others === 1 ? '' : 's'} of other types passed over)` : '';
  return `${n} ClaimReview record${n === 1 ? '' : 's'}${passed}`;
}

/** Runs `action`; schema or store problems come out one line each, naming the file, with a count. */
async function reportingProblems<T>(file: string, action: () => T | Promise<T>, outcome?: string): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw error instanceof ValidationError ? fileProblems(file, error, outcome) : error;
  }
}

const COMMANDS: Record<string, (argv: string[]) => Promise<void>> = {
  async validate(argv) {
    const args = parseCommandLine(argv, formatOption, ValidateArgs);
    const file = args.positionals[0]!;
    const records = await reportingProblems(file, () => checkClaimFile(file, args.format));
    process.stdout.write(`${file}: ${recordCount(records, args.format)} valid\n`);
  },

  async import(argv) {
    const args = parseCommandLine(argv, { ...guildOption, ...formatOption, actor: { type: 'string' } }, ImportArgs);
    const file = args.positionals[0]!;
    // The file is checked before the database is opened: a bad file touches nothing.
    const records = await reportingProblems(file, () => checkClaimFile(file, args.format), 'nothing imported');
    const kb = await openKnowledgeBase();
    try {
      const into = kb.scope(args.guild ?? null);
      const report = await reportingProblems(file, () => into.import(records, { by: args.actor ?? 'curated' }), 'nothing imported');
      const what = args.format === 'json' ? claimCount(records.records.length) : recordCount(records, args.format);
      process.stdout.write(
        `Imported ${what} into ${scopeName(args.guild)}: ${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged\n`,
      );
    } finally {
      await kb.close();
    }
  },

  async export(argv) {
    const args = parseCommandLine(argv, { ...guildOption, ...formatOption, out: { type: 'string' } }, ExportArgs);
    const env = loadEnv();
    const kb = await openKnowledgeBase(env);
    try {
      const claimReview = args.format !== 'json';
      const exported = await kb
        .scope(args.guild ?? null)
        .export(args.format, { organisation: env.CLAIMREVIEW_AUTHOR, publicBaseUrl: env.PUBLIC_BASE_URL });
      if (args.out) writeClaimFile(args.out, exported.content);
      else process.stdout.write(serializeClaims(exported.content));
      const as = args.format === 'datafeed' ? ' as a ClaimReview DataFeed' : claimReview ? ' as ClaimReview records' : '';
      process.stderr.write(
        `Exported ${claimCount(exported.count, claimReview ? 'active' : undefined)}${as} from ${scopeName(args.guild)}${args.out ? ` to ${args.out}` : ''}\n`,
      );
      if (exported.withoutUrl) {
        const n = exported.withoutUrl;
        process.stderr.write(
          `warning: ${n} of ${exported.count} record${exported.count === 1 ? '' : 's'} ${n === 1 ? 'has' : 'have'} no url, which Google's ` +
            `fact-check guidance requires: they are claims rated here, and PUBLIC_BASE_URL (where you publish your fact checks) is not set\n`,
        );
      }
    } finally {
      await kb.close();
    }
  },

  async list(argv) {
    const args = parseCommandLine(argv, guildOption, ListArgs);
    const kb = await openKnowledgeBase();
    try {
      const claims: Claim[] = await kb.scope(args.guild ?? null).list();
      const width = Math.max(0, ...claims.map((c) => c.id.length));
      const lines = claims.map((c) => `${c.id.padEnd(width)}  ${c.confidence.padEnd(9)}  ${c.statement}`);
      process.stdout.write([...lines, `${claimCount(claims.length, 'active')} in ${scopeName(args.guild)}`].join('\n') + '\n');
    } finally {
      await kb.close();
    }
  },
};

await runCli(async () => {
  const [name, ...argv] = process.argv.slice(2);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    if (name === undefined) throw new UsageError(`missing command\n${USAGE}`);
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw new UsageError(`unknown command "${name}"; expected validate, import, export or list`);
  await command(argv);
});
