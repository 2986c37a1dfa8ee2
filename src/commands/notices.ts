// The notices the bot sends on its own, long after the question: a member who pressed "Notify me" is told once when
// a moderator's claim answers their question. Where the answer was public, the notice replies to it in the channel;
// where it was private, or the channel is gone, it comes by direct message; when neither can be sent, it is held and
// shown at the member's next /factcheck. Each face says how it reaches a channel or a member (an Outbox); the
// choreography is the same on every face.
import type { KnowledgeBase, Notice } from '../knowledge/index.js';
import type { Logger } from '../log.js';
import { noticeReply } from './factcheck/noticeViews.js';
import type { Notices, ReplyPayload } from './shared/types.js';

/** How a face sends a message outside any interaction. Each returns false when the message could not be sent. */
export interface Outbox {
  /** Posts in a channel, as a reply to `replyTo`, mentioning (and notifying) only `mention`. */
  toChannel(channelId: string, payload: ReplyPayload, options: { replyTo: string; mention: string }): Promise<boolean>;
  /** Sends a member a direct message. */
  toMember(userId: string, payload: ReplyPayload): Promise<boolean>;
}

export class Notifier implements Notices {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly outbox: Outbox,
    private readonly log: Logger,
  ) {}

  /** Sends the notices due in a scope, in the background (a moderator's reply does not wait for Discord). */
  deliverDue(guildId: string | null): void {
    const work = this.deliver(guildId)
      .catch((error: unknown) => this.log.error({ err: { message: (error as Error).message }, guildId }, 'notices: delivery failed'))
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  /** At start-up: notices a stopped bot took but may not have sent are held; those still due are sent. */
  async resume(): Promise<void> {
    const guilds = await this.kb.resumeNotices();
    this.log.info({ servers: guilds.length }, 'notices: resuming the ones due');
    for (const guildId of guilds) this.deliverDue(guildId);
  }

  /** Resolves when no delivery is in flight (at shutdown; in tests, to know every notice was sent). */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  private async deliver(guildId: string | null): Promise<void> {
    const scope = this.kb.scope(guildId);
    for (const notice of await scope.takeDue()) {
      const via = await this.send(notice);
      const { id } = notice.subscription;
      if (via) await scope.noticeSent(id, via);
      else await scope.holdNotice(id);
      this.log.info({ guildId, subscriptionId: id, claimId: notice.claim.id, via: via ?? 'held' }, 'notice delivered');
    }
  }

  private async send(notice: Notice): Promise<'channel' | 'dm' | null> {
    const { channelId, messageId, userId } = notice.subscription;
    if (channelId && messageId && (await this.outbox.toChannel(channelId, noticeReply(notice, true), { replyTo: messageId, mention: userId }))) {
      return 'channel';
    }
    return (await this.outbox.toMember(userId, noticeReply(notice, false))) ? 'dm' : null;
  }
}
