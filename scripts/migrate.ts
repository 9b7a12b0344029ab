// `npm run migrate`: applies the migrations to DATABASE_URL (production deploys run this).
import { databaseUrl } from '../lib/config';
import { migrate } from '../lib/adapters/db/migrate';

migrate(databaseUrl())
  .then(({ applied }) => console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date'))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
