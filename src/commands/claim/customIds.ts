// The custom_ids of /claim's forms, buttons and selects. Everything after the prefix comes back untrusted: the page
// is a bounded number (and clamped by the view), the claim id is checked against the schema (with the version its
// form was opened on), a pending edit's id against its form, and whatever they name is looked up in the clicking
// server only.
import { z } from 'zod';
import { ClaimId } from '../../knowledge/index.js';
import { customIds, noArg, wholeNumber } from '../shared/customId.js';

const pendingId = z.string().regex(/^[A-Za-z0-9_-]{12}$/);

export const claimIds = customIds('claim', {
  /** The add form. */
  add: noArg,
  /** The add form opened with a verdict, which waits for it in the store (pending_verdicts). */
  'add-rated': pendingId,
  /**
   * The edit form of a claim, opened on one version of it (`{claim id}_{version}`): a save is refused, saying who
   * changed what, when the claim changed since (another moderator's save would otherwise be lost, or reverted).
   */
  edit: z.codec(z.string().regex(/^[a-z0-9-]{1,64}_\d{1,16}$/), z.object({ claimId: ClaimId, version: z.number().int().nonnegative() }), {
    decode: (text) => {
      const [claimId = '', version = ''] = text.split('_');
      return { claimId, version: Number(version) };
    },
    encode: ({ claimId, version }) => `${claimId}_${version}`,
  }),
  /** A page of /claim list. */
  list: wholeNumber(6),
  /** The dismiss select of /claim unanswered (the question is the chosen value). */
  dismiss: noArg,
  /** The "Answered by…" select of /claim unanswered (the question is the chosen value), which opens the link form. */
  'answered-by': noArg,
  /** The form that links a queued question (its id in the log) to the claim that answers it. */
  link: wholeNumber(15),
  /** The "Add a correction note" button of a pending material edit, and the note form it opens. */
  note: pendingId,
});

export type ClaimControl = NonNullable<ReturnType<typeof claimIds.parse>>;
