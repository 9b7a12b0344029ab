// A file that is still being produced, shared by everyone who asks for it meanwhile: the
// first download of a long general ledger after its rebuild starts one render, and each
// request — the first and any that arrive while it runs — receives every byte from the
// first one on, then the rest as the render writes it. Nothing waits for the last page
// before the first byte leaves.

export interface LiveFile {
  /** The ETag of the bytes being produced, once production has begun (rejects if it never does). */
  readonly begun: Promise<string>;
  /** Every byte from the first: those written so far at once, then each new one; resolves at the end, rejects on failure. */
  pipe(write: (chunk: Buffer) => void): Promise<void>;
  /** Everything, once it is complete. */
  whole(): Promise<Buffer>;
}

/** The producing side. */
export interface LiveFileWriter extends LiveFile {
  begin(etag: string): void;
  push(chunk: Buffer): void;
  end(): void;
  fail(error: Error): void;
}

interface Reader {
  write: (chunk: Buffer) => void;
  resolve: () => void;
  reject: (error: Error) => void;
}

export function createLiveFile(): LiveFileWriter {
  const chunks: Buffer[] = [];
  const readers = new Set<Reader>();
  let state: 'open' | 'ended' | Error = 'open';
  let resolveBegun: (etag: string) => void = () => undefined;
  let rejectBegun: (error: Error) => void = () => undefined;
  const begun = new Promise<string>((resolve, reject) => {
    resolveBegun = resolve;
    rejectBegun = reject;
  });
  // A failure before anyone asked for `begun` must not surface as an unhandled rejection.
  begun.catch(() => undefined);

  const pipe = (write: (chunk: Buffer) => void) =>
    new Promise<void>((resolve, reject) => {
      for (const chunk of chunks) write(chunk);
      if (state === 'ended') resolve();
      else if (state instanceof Error) reject(state);
      else readers.add({ write, resolve, reject });
    });

  return {
    begun,
    pipe,
    async whole() {
      await pipe(() => undefined);
      return Buffer.concat(chunks);
    },
    begin: (etag) => resolveBegun(etag),
    push(chunk) {
      if (state !== 'open') return;
      chunks.push(chunk);
      for (const reader of readers) reader.write(chunk);
    },
    end() {
      if (state !== 'open') return;
      state = 'ended';
      for (const reader of readers) reader.resolve();
      readers.clear();
    },
    fail(error) {
      if (state !== 'open') return;
      state = error;
      rejectBegun(error);
      for (const reader of readers) reader.reject(error);
      readers.clear();
    },
  };
}
