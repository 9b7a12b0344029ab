// Prisma CLI configuration. Only `prisma generate` and `prisma migrate diff` are used:
// migrations are applied by scripts/migrate.ts (see ARCHITECTURE.md, "Migrations"),
// because the offline WASM schema engine of Prisma 6.19 mis-handles `migrate deploy`.
// `engine: 'js'` keeps the CLI on the WASM engine shipped in the npm package; the
// classic engine would try to download a native binary.
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  // eslint-disable-next-line @typescript-eslint/require-await
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL ?? 'postgresql://unused@localhost/unused' }),
});
