// A short soak for CI (`npm run soak` is the full one: 2,000 interactions, 50 in flight), and the cache limits that
// keep the bot's memory bounded however many members use it.
import { describe, expect, it } from 'vitest';
import { runSoak } from '../bench/soak.js';
import { startTestBot } from './support/botHarness.js';

describe('soak', () => {
  it('answers 200 interactions, 20 in flight, each exactly once, within the deadline', async () => {
    const lines: string[] = [];
    // What the bot keeps: the live heap after a full collection, and the RSS, from the first quarter to the end.
    const result = await runSoak({ interactions: 200, concurrency: 20, maxGrowthMb: 64, maxHeapGrowthMb: 16, print: (line) => lines.push(line) });
    console.log(lines.join('\n'));
    expect(result.problems).toEqual([]);
    expect(result.answered).toBe(200);
    expect(result.failed).toBe(0);
    expect(result.answeredTwice).toBe(0);
    expect(Object.keys(result.byKind).length).toBeGreaterThanOrEqual(5);
  }, 60_000);

  it('keeps at most 200 users and members in discord.js’s caches, however many members interact', async () => {
    const guildId = '4500000000000000001';
    const t = await startTestBot({ fake: { guilds: [{ id: guildId }] } });
    try {
      for (let i = 0; i < 300; i++) {
        const { id } = t.fake.sendInteraction(t.fake.chatInput({ name: 'about', guildId, userId: String(4500000000000100000n + BigInt(i)) }));
        await t.fake.waitForCallback(id);
      }
      const client = t.bot.client;
      expect(client.users.cache.size).toBeLessThanOrEqual(200);
      expect(client.guilds.cache.get(guildId)!.members.cache.size).toBeLessThanOrEqual(200);
      expect(client.users.cache.has(client.user!.id)).toBe(true);
    } finally {
      await t.stop();
    }
  }, 30_000);
});
