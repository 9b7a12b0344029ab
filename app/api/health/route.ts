import { getPrisma } from '@/lib/db/prisma';
import { getMongoDb } from '@/lib/mongo/client';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Liveness and readiness: both stores answer. */
export async function GET(): Promise<Response> {
  try {
    await getPrisma().$queryRaw`SELECT 1`;
    await getMongoDb().command({ ping: 1 });
    return Response.json({ status: 'ok' });
  } catch (error) {
    console.error('[health]', error);
    return Response.json({ status: 'unavailable' }, { status: 503 });
  }
}
