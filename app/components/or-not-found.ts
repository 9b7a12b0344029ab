import { notFound as nextNotFound } from 'next/navigation';
import { isAppError } from '@/lib/errors';

/** Runs a page's lib/ read; its `not_found` (unknown ID, or not yours) becomes the page's 404. */
export async function orNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') nextNotFound();
    throw error;
  }
}
