// Asks the knowledge base a question from the command line, the way the bot answers it in Discord: the same use
// case and the same reply, printed as text by the console's renderer. Nothing is logged: this is a tool, not a
// member asking.
//
//   npm run --silent ask -- [--json] [--guild ID] ["question"]
//
// With a question: one answer. Without one: reads stdin, one question a line, and answers every line in order
// (a blank line is a question too; it gets no answer). --json prints one JSON object per question and nothing else.
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { GuildId, type Answer, type Scope } from '../knowledge/index.js';
import { toAnswerJson } from './answerJson.js';
import { openKnowledgeBase, parseCommandLine, runCli } from './run.js';

const USAGE = `usage: npm run --silent ask -- [--json] [--guild ID] ["question"]
  Without a question, reads questions from stdin, one a line.
  --json        one JSON object per question: {"question", "match", "suggestions"}
  --guild ID    also search this Discord server's own claims`;

const AskArgs = z.object({
  json: z.boolean().default(false),
  guild: GuildId.optional(),
  help: z.boolean().default(false),
  positionals: z.array(z.string()),
});

type Answerer = (question: string) => Promise<string>;

/**
 * The text of an answer as Discord shows it. Loaded only for text output: --json needs none of the Discord views,
 * and a scorer that starts the tool per question should not wait for discord.js to load.
 */
async function textRenderer(): Promise<(answer: Answer) => string> {
  const [{ answerView }, { renderPayload }] = await Promise.all([import('../commands/factcheck/views.js'), import('../console/renderPayload.js')]);
  return (answer) => renderPayload(answerView(answer, false));
}

async function answerer(scope: Scope, json: boolean, echo: boolean): Promise<Answerer> {
  const render = json ? undefined : await textRenderer();
  return async (question) => {
    const answer = await scope.answer(question, { log: false });
    if (!render) return JSON.stringify(toAnswerJson(question, answer));
    const text = render(answer);
    return echo ? `> ${question}\n${text}\n` : text;
  };
}

async function main(): Promise<void> {
  const args = parseCommandLine(
    process.argv.slice(2),
    { json: { type: 'boolean' }, guild: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    AskArgs,
  );
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const fromStdin = args.positionals.length === 0;
  const kb = await openKnowledgeBase();
  try {
    const answer = await answerer(kb.scope(args.guild ?? null), args.json, fromStdin);
    if (!fromStdin) {
      process.stdout.write(`${await answer(args.positionals.join(' '))}\n`);
      return;
    }
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of lines) process.stdout.write(`${await answer(line)}\n`);
  } finally {
    await kb.close();
  }
}

await runCli(main);
