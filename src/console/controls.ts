// The buttons and selects of a reply, as the console offers them: each gets a key to type. A control whose label
// starts with a letter or digit no other control of the reply starts with gets that character (`h` for Helpful,
// `n` for Not what I asked, `1` for the first of the closest claims); the others get the next free number.
import { ComponentType } from 'discord-api-types/v10';
import type { ReplyPayload } from '../commands/shared/types.js';

export type Control =
  | { kind: 'button'; key: string; label: string; customId: string; disabled: boolean; ephemeral: boolean }
  | {
      kind: 'select';
      key: string;
      label: string;
      customId: string;
      options: Array<{ label: string; value: string; description?: string | undefined }>;
      ephemeral: boolean;
    };

type WithoutKey<C> = C extends Control ? Omit<C, 'key'> & { key?: string } : never;
type Found = WithoutKey<Control>;

function found(payload: ReplyPayload): Found[] {
  const ephemeral = payload.ephemeral ?? false;
  return (payload.components ?? []).flatMap((row) =>
    row.components.flatMap((c): Found[] => {
      if (c.type === ComponentType.Button && 'custom_id' in c && c.custom_id) {
        return [{ kind: 'button', label: c.label ?? c.custom_id, customId: c.custom_id, disabled: c.disabled ?? false, ephemeral }];
      }
      if (c.type === ComponentType.StringSelect) {
        const options = c.options.map((o) => ({ label: o.label, value: o.value, description: o.description }));
        return [{ kind: 'select', label: c.placeholder ?? 'Choose…', customId: c.custom_id, options, ephemeral }];
      }
      return [];
    }),
  );
}

/** The controls of the payloads shown together (a reply and its follow-ups), each with its key. */
export function controlsOf(payloads: readonly ReplyPayload[]): Control[] {
  const all = payloads.flatMap(found);
  const initial = (c: Found) => /^[a-z0-9]/i.exec(c.label)?.[0].toLowerCase();
  const counts = new Map<string, number>();
  for (const c of all) {
    const i = initial(c);
    if (i) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  const taken = new Set<string>();
  for (const c of all) {
    const i = initial(c);
    if (i && counts.get(i) === 1) {
      c.key = i;
      taken.add(i);
    }
  }
  let next = 1;
  for (const c of all) {
    if (c.key) continue;
    while (taken.has(String(next))) next++;
    c.key = String(next);
    taken.add(c.key);
  }
  return all as Control[];
}
