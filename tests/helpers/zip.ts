// Reads a ZIP (as downloaded) into its entries, with yauzl, for assertions.
import { fromBuffer, type Entry } from 'yauzl';

export interface ZipEntry {
  name: string;
  data: Buffer;
  compressed: boolean;
}

export function readZip(buffer: Buffer): Promise<ZipEntry[]> {
  return new Promise((resolve, reject) => {
    fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const entries: ZipEntry[] = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry: Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const parts: Buffer[] = [];
          stream.on('data', (part: Buffer) => parts.push(part));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.push({ name: entry.fileName, data: Buffer.concat(parts), compressed: entry.compressionMethod !== 0 });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
