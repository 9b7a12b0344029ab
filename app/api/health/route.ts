import { webContext } from '@/lib/adapters/web/context';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Liveness and readiness: both stores answer. */
export async function GET(): Promise<Response> {
  try {
    const ctx = webContext();
    await ctx.prisma.$queryRaw`SELECT 1`;
    await ctx.db.command({ ping: 1 });
    return Response.json({ status: 'ok' });
  } catch (error) {
    console.error('[health]', error);
    return Response.json({ status: 'unavailable' }, { status: 503 });
  }
}
