'use server';

import { getPrisma } from '@/lib/db/prisma';
import { isAppError, type FieldError } from '@/lib/errors';
import { postJournalEntry } from '@/lib/ledger/commands/post-journal-entry';
import { requireUser } from '@/lib/web/session';

export type PostEntryResult =
  { ok: true; id: string; sequence: number } | { ok: false; code: string; message: string; fieldErrors: FieldError[] };

/** The browser's way to post: the same command and rules as POST /api/v1/…/journal-entries. */
export async function postEntryAction(organizationId: string, input: unknown, idempotencyKey: string): Promise<PostEntryResult> {
  const user = await requireUser();
  try {
    const posted = await postJournalEntry({ prisma: getPrisma(), actor: user, organizationId, input, idempotencyKey, now: new Date() });
    return { ok: true, id: posted.id, sequence: Number(posted.sequence) };
  } catch (error) {
    if (isAppError(error)) return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
    throw error;
  }
}
