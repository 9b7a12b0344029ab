import { AppError } from '../../errors';

/** Largest JSON body accepted (an entry of 1,000 lines fits comfortably). */
export const MAX_JSON_BYTES = 1_000_000;

/**
 * Reads a JSON body with a size limit and a clear error for each way it can be wrong:
 * wrong content type, too large (checked while streaming, not only by Content-Length),
 * not JSON.
 */
export async function readJson(request: Request, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError('unsupported_media_type', 'Send the body as application/json');
  }
  return parseJsonText(await readText(request, maxBytes));
}

export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('malformed_request', 'The body is not valid JSON');
  }
}

/** For endpoints whose body is optional (`POST …/retry`): no body at all reads as `{}`. */
export async function readOptionalJson(request: Request, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
  if (!request.headers.get('content-type')) {
    const text = await readText(request, maxBytes).catch(() => '');
    if (text.trim() === '') return {};
  }
  return readJson(request, maxBytes);
}

/** The body as UTF-8 text, refused past `maxBytes` (checked while streaming). */
export async function readText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const reader = request.body?.getReader();
  if (!reader) throw new AppError('malformed_request', 'The request has no body');
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(maxBytes: number): AppError {
  return new AppError('payload_too_large', `The body is larger than ${maxBytes} bytes`);
}

/** JSON response; bigint values (ledger sequences) become numbers, which they fit in. */
export function jsonResponse(data: unknown, init: ResponseInit = {}): Response {
  const body = JSON.stringify(data, (_key, value: unknown) => (typeof value === 'bigint' ? Number(value) : value));
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json');
  if (!headers.has('cache-control')) headers.set('cache-control', 'no-store');
  return new Response(body, { ...init, headers });
}
