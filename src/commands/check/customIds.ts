// "Post publicly" under a private fact-check of a message. It names the check (its id in the question log, looked up
// in the clicking server only) and where the message is, for the link: snowflakes written in base 36, so that the
// whole fits in a custom_id. Untrusted like any custom_id: it only ever shows what the log has for that server.
import { z } from 'zod';
import { customIds } from '../shared/customId.js';

const base36 = (n: string) => BigInt(n).toString(36);
const fromBase36 = (s: string) => [...s].reduce((n, c) => n * 36n + BigInt(parseInt(c, 36)), 0n).toString();

/** Where the checked message is: its server (null in a DM), channel and id. */
export interface MessagePlace {
  guildId: string | null;
  channelId: string;
  messageId: string;
}

const checkedMessage = z.codec(
  z.string().regex(/^[0-9a-z]{1,11}(?:-[0-9a-z]{1,13}){3}$|^[0-9a-z]{1,11}$/),
  z.object({
    askedId: z.number().int().nonnegative(),
    where: z.object({ guildId: z.string().nullable(), channelId: z.string(), messageId: z.string() }).nullable(),
  }),
  {
    decode: (arg) => {
      const [asked = '', guild, channel, message] = arg.split('-');
      const where =
        channel && message && guild
          ? { guildId: guild === '0' ? null : fromBase36(guild), channelId: fromBase36(channel), messageId: fromBase36(message) }
          : null;
      return { askedId: parseInt(asked, 36), where };
    },
    encode: ({ askedId, where }) =>
      [askedId.toString(36), ...(where ? [where.guildId ? base36(where.guildId) : '0', base36(where.channelId), base36(where.messageId)] : [])].join(
        '-',
      ),
  },
);

export const checkIds = customIds('mc', { post: checkedMessage });
export type CheckControl = NonNullable<ReturnType<typeof checkIds.parse>>;
