// A steady posting rate (open loop: request i leaves at i / rate seconds, whether or not
// earlier ones have answered, so a slow server shows as latency and errors, not as a lower
// offered rate), and the lag from each posting's 201 to the moment the current month's
// trial balance includes it, seen from outside through the lookup endpoint. A posting
// refused with 503 + Retry-After (too many waiting: nothing was written) is sent again after
// that delay, as a well-behaved client would; its latency counts from its first send.
import { summary, type LatencySummary } from '../bench-stats';
import { sleep } from '../bench-downloads/api';
import { monitorEventLoopLag } from '../../lib/adapters/web/event-loop-lag';

export interface SteadyRateFigures {
  targetPerSecond: number;
  seconds: number;
  /** 201s per second of the sending window. */
  postedPerSecond: number;
  post: LatencySummary;
  /** Commit (201 received) → the trial balance's asOfSequence covers it. */
  lag: LatencySummary & { max: number };
  /** Anything but a 201 in the end (after any 503s waited out), or no answer within 10 s. */
  errors: number;
  /** 503 answers waited out (Retry-After) before a posting was taken. */
  refused: number;
  /** Postings the trial balance had not caught up with 60 s after the last one. */
  notSeen: number;
  /** Trial-balance lookups that failed (and were tried again). */
  pollErrors: number;
  /** What the errors were: no answer within 10 s, a failed connection, or a final status other than 201. */
  errorKinds: { timeouts: number; connections: number; statuses: Record<string, number> };
  /** How far behind this process's own event loop was at most while sending (a late sender inflates latency). */
  senderLagMaxMs: number;
}

/** How often each organization's trial balance is looked up (the lag's resolution). */
const POLL_MS = 50;

export async function steadyRate(options: {
  base: string;
  token: string;
  organizations: readonly string[];
  period: string;
  day: string;
  perSecond: number;
  seconds: number;
}): Promise<SteadyRateFigures> {
  const { base, token, organizations, perSecond, seconds } = options;
  const auth = { authorization: `Bearer ${token}` };
  const pending = organizations.map(() => new Map<number, number>()); // sequence → when its 201 arrived
  const postLatencies: number[] = [];
  const lags: number[] = [];
  let errors = 0;
  let refused = 0;
  let pollErrors = 0;
  const errorKinds: SteadyRateFigures['errorKinds'] = { timeouts: 0, connections: 0, statuses: {} };
  const senderLoop = monitorEventLoopLag();
  let senderLagMaxMs = 0;
  const lagSampler = setInterval(() => (senderLagMaxMs = Math.max(senderLagMaxMs, senderLoop.lagMs())), 100);
  let sending = true;
  let stoppedAt = Number.POSITIVE_INFINITY;

  const poller = Promise.all(
    organizations.map(async (org, index) => {
      const waiting = pending[index] ?? new Map<number, number>();
      const deadline = () => !sending && (waiting.size === 0 || performance.now() > stoppedAt + 60_000);
      while (!deadline()) {
        if (waiting.size > 0) {
          // A lookup that fails (an overloaded server may reset a connection) is counted and tried again.
          const answer = await fetch(`${base}/organizations/${org}/reports?type=trial-balance&period=${options.period}`, { headers: auth })
            .then(async (response) => ({ seenAt: performance.now(), ...((await response.json()) as { asOfSequence: number | null }) }))
            .catch(() => {
              pollErrors += 1;
              return null;
            });
          if (!answer) {
            await sleep(POLL_MS);
            continue;
          }
          const { seenAt, asOfSequence } = answer;
          for (const [sequence, committedAt] of waiting) {
            if (asOfSequence !== null && asOfSequence >= sequence) {
              lags.push(seenAt - committedAt);
              waiting.delete(sequence);
            }
          }
        }
        await sleep(POLL_MS);
      }
    }),
  );

  const started = performance.now();
  const total = Math.round(perSecond * seconds);
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const org = i % organizations.length;
    const cents = 100 + ((i * 7919) % 500_000);
    const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    const body = JSON.stringify({
      date: options.day,
      memo: `Steady sale ${i}`,
      lines: [
        { accountCode: '1100', debit: amount },
        { accountCode: '4000', credit: amount },
      ],
    });
    const sentAt = performance.now();
    const send = async (): Promise<Response> => {
      for (let attempt = 0; ; attempt++) {
        const response = await fetch(`${base}/organizations/${organizations[org] ?? ''}/journal-entries`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        if (response.status !== 503 || attempt >= 30) return response;
        refused += 1;
        await response.arrayBuffer();
        await sleep(1000 * Number(response.headers.get('retry-after') ?? 1));
      }
    };
    inFlight.push(
      send()
        .then(async (response) => {
          const committedAt = performance.now();
          if (response.status !== 201) {
            errors += 1;
            errorKinds.statuses[response.status] = (errorKinds.statuses[response.status] ?? 0) + 1;
            await response.arrayBuffer();
            return;
          }
          const { sequence } = (await response.json()) as { sequence: number };
          postLatencies.push(committedAt - sentAt);
          pending[org]?.set(sequence, committedAt);
        })
        .catch((error: unknown) => {
          errors += 1;
          if (error instanceof Error && error.name === 'TimeoutError') errorKinds.timeouts += 1;
          else errorKinds.connections += 1;
        }),
    );
  }
  await Promise.all(inFlight);
  clearInterval(lagSampler);
  senderLoop.stop();
  const sendingMs = performance.now() - started;
  sending = false;
  stoppedAt = performance.now();
  await poller;
  const notSeen = pending.reduce((sum, waiting) => sum + waiting.size, 0);
  const lag = summary(lags, sendingMs);
  return {
    targetPerSecond: perSecond,
    seconds,
    postedPerSecond: Math.round((postLatencies.length / sendingMs) * 10000) / 10,
    post: summary(postLatencies, sendingMs),
    lag: { ...lag, max: Math.round(Math.max(0, ...lags)) },
    errors,
    refused,
    notSeen,
    pollErrors,
    errorKinds,
    senderLagMaxMs: Math.round(senderLagMaxMs),
  };
}
