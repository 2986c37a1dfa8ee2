// When something breaks inside the bot, the member gets a short private message with an error id, the log has the
// same id, and the bot keeps answering.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from './support/botHarness.js';

let t: TestBot | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

describe('failures inside a command', () => {
  it('answer privately with an error id that is also in the log, and the bot keeps answering', async () => {
    const lines: string[] = [];
    t = await startTestBot({ env: { LOG_LEVEL: 'error' }, logSink: (line) => lines.push(line) });
    const realScope = t.kb.scope.bind(t.kb);
    let failNext = true;
    t.kb.scope = (guildId) => {
      const scope = realScope(guildId);
      if (failNext) {
        failNext = false;
        scope.answer = () => Promise.reject(new Error('disk on fire'));
      }
      return scope;
    };

    const broken = t.fake.sendInteraction(t.fake.chatInput({ name: 'factcheck', options: { question: 'russian oil shipments' } }));
    const cb = (await t.fake.waitForCallback(broken.id)) as unknown as {
      type: number;
      data: { flags: number; content: string; allowed_mentions: unknown };
    };
    expect(cb.type).toBe(4);
    expect(cb.data.flags).toBe(64);
    expect(cb.data.allowed_mentions).toEqual({ parse: [] });
    const errorId = /Error id: `([0-9a-f]{8})`/.exec(cb.data.content)?.[1];
    expect(errorId).toBeDefined();
    const logged = lines.map((l) => JSON.parse(l) as { errorId?: string; msg: string }).find((l) => l.errorId === errorId);
    expect(logged?.msg).toBe('interaction failed');

    const next = t.fake.sendInteraction(
      t.fake.chatInput({ name: 'factcheck', options: { question: 'how many barrels of oil has russia sent to north korea?' } }),
    );
    const ok = (await t.fake.waitForCallback(next.id)) as unknown as { data: { embeds: Array<{ title: string }> } };
    expect(ok.data.embeds[0]!.title).toContain('million barrels');
  });
});
