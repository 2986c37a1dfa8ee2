// Per-user rate limits: one use of an action every N seconds, so a member cannot flood a channel or the base. Where
// several workers share one PostgreSQL store (HTTP workers behind a load balancer, shards), the limits are kept in
// the store, so a member's next interaction meets the same limit whichever worker gets it. With the embedded SQLite
// file they are kept in memory: a write per question would queue behind an import's lock.
import type { Env } from '../../config/env.js';
import type { KnowledgeBase } from '../../knowledge/index.js';

export type CooldownKey = 'factcheck' | 'claim-write';

export class Cooldowns {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly seconds: Record<CooldownKey, number>,
    private readonly now: () => number = Date.now,
    /** The store every worker shares, when there is one: the limits live there. */
    private readonly shared?: Pick<KnowledgeBase, 'shared'>,
  ) {}

  /** No limits (the offline console: one person at a terminal). */
  static off(): Cooldowns {
    return new Cooldowns({ factcheck: 0, 'claim-write': 0 });
  }

  static fromEnv(
    env: Pick<Env, 'FACTCHECK_COOLDOWN_SECONDS' | 'MODERATOR_WRITE_COOLDOWN_SECONDS'>,
    kb?: Pick<KnowledgeBase, 'shared' | 'engine'>,
  ): Cooldowns {
    return new Cooldowns(
      { factcheck: env.FACTCHECK_COOLDOWN_SECONDS, 'claim-write': env.MODERATOR_WRITE_COOLDOWN_SECONDS },
      Date.now,
      kb?.engine === 'postgres' ? kb : undefined,
    );
  }

  /** Seconds the user still has to wait for `key`, or 0 (and the use is counted). */
  async take(key: CooldownKey, userId: string): Promise<number> {
    const ms = this.seconds[key] * 1000;
    if (ms <= 0) return 0;
    if (this.shared) return this.shared.shared.takeCooldown(key, userId, this.seconds[key], this.now());
    const id = `${key}:${userId}`;
    const now = this.now();
    const previous = this.last.get(id);
    if (previous !== undefined && now - previous < ms) return Math.ceil((ms - (now - previous)) / 1000);
    this.last.set(id, now);
    if (this.last.size > 50_000) this.prune(now);
    return 0;
  }

  private prune(now: number): void {
    const longest = Math.max(...Object.values(this.seconds)) * 1000;
    for (const [id, at] of this.last) if (now - at >= longest) this.last.delete(id);
  }
}
