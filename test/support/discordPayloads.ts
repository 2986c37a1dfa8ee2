// What the Discord tests share: who is acting (member or moderator), the shape of what the bot sends back, and
// how to read the final reply to an interaction the bot deferred.
import type { FakeDiscord } from './fakeDiscord.js';
import { DEFAULT_MEMBER_PERMISSIONS } from './fakeDiscord.js';

export const EPHEMERAL = 64;
export const NO_PINGS = { parse: [] };

/** Manage Messages (1 << 13) on top of an ordinary member's permissions. */
export const MOD_PERMISSIONS = (BigInt(DEFAULT_MEMBER_PERMISSIONS) | (1n << 13n)).toString();

/** Who sends an interaction: spread into the fake's builders. */
export interface Who {
  guildId: string | null;
  userId: string;
  permissions: string;
  roles?: string[];
}
export const moderator = (guildId: string, userId: string): Who => ({ guildId, userId, permissions: MOD_PERMISSIONS });
export const member = (guildId: string, userId: string): Who => ({ guildId, userId, permissions: DEFAULT_MEMBER_PERMISSIONS });

export type Embed = {
  title?: string;
  description?: string;
  color?: number;
  footer?: { text: string };
  fields?: Array<{ name: string; value: string }>;
};
export type Component = {
  type: number;
  custom_id?: string;
  label?: string;
  disabled?: boolean;
  style?: number;
  max_length?: number;
  required?: boolean;
  min_values?: number;
  max_values?: number;
  value?: string;
  options?: Array<{ label: string; value: string; description?: string; default?: boolean }>;
  component?: Component;
  components?: Component[];
};
/** What a form field shows when it opens: a text input's value, or a select's preselected option. */
export const prefilled = (input: Component): string | undefined => input.value ?? input.options?.find((o) => o.default)?.value;

export type Callback = {
  type: number;
  data?: {
    flags?: number;
    content?: string;
    embeds?: Embed[];
    components?: Component[];
    allowed_mentions?: unknown;
    custom_id?: string;
    title?: string;
    choices?: Array<{ name: string; value: string }>;
  };
};

/**
 * What the user finally sees for an interaction. A deferred one (type 5, e.g. a valid claim form or /claim list,
 * acknowledged before its work) gets its answer as an edit of @original; that is returned as the reply it amounts
 * to. A deferred update (type 6, a select whose handler writes first) is returned as the update (type 7) it makes.
 */
export async function finalReply(fake: FakeDiscord, sent: { id: string; token: string }, timeoutMs = 5000): Promise<Callback> {
  const cb = (await fake.waitForCallback(sent.id, timeoutMs)) as Callback;
  if (cb.type !== 5 && cb.type !== 6) return cb;
  const edit = (await fake.waitForEdit(sent.token, timeoutMs)) as Callback['data'];
  if (cb.type === 6) return { type: 7, data: edit };
  return { type: 4, data: { ...edit, ...(cb.data?.flags !== undefined ? { flags: cb.data.flags } : {}) } };
}
