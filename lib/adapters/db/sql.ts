// Raw SQL for the few hot statements where Prisma's own cost dominates: measured here,
// a one-statement round trip costs ≈ 2 ms through Prisma and ≈ 0.4 ms through `pg`
// (issue 10's profile of the posting path). The rest of the app keeps Prisma. Both
// implementations take `$1`-style parameters, so a use case can run on either: the web
// process and workers pass their `pg` pool, a test may pass its Prisma client.
import pg from 'pg';
import type { PrismaClient } from './prisma';

export interface Sql {
  query<Row>(text: string, values: readonly unknown[]): Promise<Row[]>;
}

export interface PooledSql extends Sql {
  end(): Promise<void>;
}

export function createSqlPool(connectionString: string, max = 10): PooledSql {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return {
    async query<Row>(text: string, values: readonly unknown[]) {
      const result = await pool.query(text, [...values]);
      return result.rows as Row[];
    },
    end: () => pool.end(),
  };
}

/** The same interface over Prisma (one `$queryRawUnsafe` per statement). */
export function prismaSql(prisma: Pick<PrismaClient, '$queryRawUnsafe'>): Sql {
  return { query: <Row>(text: string, values: readonly unknown[]) => prisma.$queryRawUnsafe<Row[]>(text, ...values) };
}
