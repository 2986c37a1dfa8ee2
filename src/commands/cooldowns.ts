// Per-user rate limits: one question every N seconds, so a member cannot flood a channel.

export class Cooldowns {
  private readonly last = new Map<string, number>();

  constructor(private readonly seconds: number, private readonly now: () => number = Date.now) {}

  /** Seconds the user still has to wait for `key`, or 0 (and the use is counted). */
  take(key: string, userId: string): number {
    if (this.seconds <= 0) return 0;
    const id = `${key}:${userId}`;
    const now = this.now();
    const previous = this.last.get(id);
    if (previous !== undefined && now - previous < this.seconds * 1000) {
      return Math.ceil((this.seconds * 1000 - (now - previous)) / 1000);
    }
    this.last.set(id, now);
    if (this.last.size > 50_000) this.prune(now);
    return 0;
  }

  private prune(now: number): void {
    for (const [id, at] of this.last) if (now - at >= this.seconds * 1000) this.last.delete(id);
  }
}
