// A small client of Closebook's JSON API for the benchmark's set-up and probes.

export interface ApiAnswer<T> {
  status: number;
  body: T;
  headers: Headers;
}

export class Api {
  constructor(
    readonly base: string,
    readonly token: string,
  ) {}

  get auth(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }

  async request<T>(method: string, path: string, body?: { json: unknown } | { csv: string }): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = { ...this.auth };
    let payload: string | undefined;
    if (body && 'json' in body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body) {
      headers['content-type'] = 'text/csv';
      payload = body.csv;
    }
    const response = await fetch(`${this.base}${path}`, { method, headers, body: payload });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (a PDF, an HTML 404): the text is the body
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  /** A request that must answer `status`; anything else throws with the body. */
  async expect<T>(status: number, method: string, path: string, body?: { json: unknown } | { csv: string }): Promise<T> {
    const answer = await this.request<T>(method, path, body);
    if (answer.status !== status) {
      throw new Error(`${method} ${path}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`);
    }
    return answer.body;
  }
}

export async function issueToken(base: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${base}/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 201) throw new Error(`POST /tokens for ${email}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** The ledger sequence a PDF download includes, read from its ETag `"<id>.<asOfSequence>.…"`. */
export function sequenceOfEtag(etag: string | null): number | null {
  const match = /^(?:W\/)?"[0-9a-f]{24}\.(\d+)\./.exec(etag ?? '');
  return match?.[1] ? Number(match[1]) : null;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `task` over `items` with at most `concurrency` at a time. */
export async function forEachLimited<T>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      for (let index = next++; index < items.length; index = next++) await task(items[index] as T, index);
    }),
  );
}
