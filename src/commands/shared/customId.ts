// custom_ids of buttons, selects and modals: `prefix:action` or `prefix:action:arg`, one grammar for every feature.
// They come back from Discord as untrusted text (a client can forge them), so the router checks the grammar and
// finds the feature by its prefix, and the feature's codec decodes the argument with zod, once: its handler gets
// the decoded value, never the text. (Whatever a value names is then looked up in the clicking server only.)
import { z } from 'zod';

const GRAMMAR = z
  .string()
  .max(100)
  .regex(/^[a-z]{1,10}:[a-z-]{1,20}(?::[A-Za-z0-9_-]{0,88})?$/);

/** The prefix of a custom_id in our grammar, or null for anything else. */
export function prefixOf(customId: string): string | null {
  return GRAMMAR.safeParse(customId).success ? customId.slice(0, customId.indexOf(':')) : null;
}

/** How an action's argument is written: the text after `action:` ⇄ the value a handler works with. */
export type ArgCodec<T> = z.ZodType<T, string>;

/** An action that takes no argument (`claim:add`). */
export const noArg: ArgCodec<undefined> = z.codec(z.literal(''), z.undefined(), { decode: () => undefined, encode: () => '' as const });

/** A positive whole number of at most `digits` digits (a page, an id in the question log). */
export const wholeNumber = (digits: number): ArgCodec<number> =>
  z.codec(z.string().regex(new RegExp(`^\\d{1,${digits}}$`)), z.number().int().nonnegative(), { decode: Number, encode: String });

type Actions = Record<string, ArgCodec<unknown>>;
type Value<A extends Actions, K extends keyof A> = z.output<A[K]>;

/** What a feature's custom_id decodes to: the action and its argument's value. */
export type Decoded<A extends Actions> = { [K in keyof A & string]: { action: K; value: Value<A, K> } }[keyof A & string];

export interface CustomIds<A extends Actions> {
  readonly prefix: string;
  /** The custom_id of `action` with its argument. */
  make<K extends keyof A & string>(action: K, ...value: undefined extends Value<A, K> ? [value?: Value<A, K>] : [value: Value<A, K>]): string;
  /** The action and value a custom_id of this feature names, or null for anything malformed or foreign. */
  parse(customId: string): Decoded<A> | null;
}

/** A feature's custom_ids: its prefix (written here only) and a codec for each action's argument. */
export function customIds<const A extends Actions>(prefix: string, actions: A): CustomIds<A> {
  return {
    prefix,
    make(action, ...[value]) {
      const arg: string = z.encode(actions[action]!, value) as string;
      return arg === '' ? `${prefix}:${action}` : `${prefix}:${action}:${arg}`;
    },
    parse(customId) {
      if (prefixOf(customId) !== prefix) return null;
      const [, action = '', ...rest] = customId.split(':');
      if (!Object.hasOwn(actions, action)) return null;
      const decoded = actions[action]!.safeDecode(rest.join(':'));
      return decoded.success ? ({ action, value: decoded.data } as Decoded<A>) : null;
    },
  };
}
