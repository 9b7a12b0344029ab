// The read side: one MongoClient per process (official driver), created on first use.
import { MongoClient, type Db } from 'mongodb';
import { mongoDbName, mongoUri } from '../config';

const globalForMongo = globalThis as unknown as { closebookMongo?: { client: MongoClient; db: Db } };

export function getMongoDb(): Db {
  if (!globalForMongo.closebookMongo) {
    const client = new MongoClient(mongoUri(), { maxPoolSize: 20 });
    // The driver connects lazily on the first operation.
    globalForMongo.closebookMongo = { client, db: client.db(mongoDbName()) };
  }
  return globalForMongo.closebookMongo.db;
}

export async function closeMongo(): Promise<void> {
  const current = globalForMongo.closebookMongo;
  globalForMongo.closebookMongo = undefined;
  await current?.client.close();
}
