// Asks the knowledge base a question from the command line, the way the bot would answer it (but without logging
// unanswered questions: this is a tool, not a user).
//
//   npm run --silent ask -- [--json] [--guild ID] ["question"]
//
// With a question: one answer. Without one: reads stdin, one question a line, and answers every line in order
// (a blank line is a question too; it gets no answer). --json prints one JSON object per question and nothing else.
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import { GuildId } from '../knowledge/schema.js';
import { toAnswerJson } from './answerJson.js';
import { renderAnswer } from './renderAnswer.js';
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

type Answerer = (question: string) => string;

function answerer(kb: KnowledgeBase, guildId: string | null, json: boolean, echo: boolean): Answerer {
  return (question) => {
    const result = kb.ask(question, guildId);
    if (json) return JSON.stringify(toAnswerJson(question, result));
    return echo ? `> ${question}\n${renderAnswer(result)}\n` : renderAnswer(result);
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
  const kb = openKnowledgeBase();
  try {
    const answer = answerer(kb, args.guild ?? null, args.json, fromStdin);
    if (!fromStdin) {
      process.stdout.write(`${answer(args.positionals.join(' '))}\n`);
      return;
    }
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of lines) process.stdout.write(`${answer(line)}\n`);
  } finally {
    kb.close();
  }
}

await runCli(main);
