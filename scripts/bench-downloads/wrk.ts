// Load from a second process: wrk with a Lua script that rotates through a Zipf-sampled
// sequence of paths and reports its figures as one JSON line from its done() hook.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runToEnd } from './processes';

export interface WrkResult {
  label: string;
  clients: number;
  seconds: number;
  requests: number;
  perSecond: number;
  /** Latencies in ms, as wrk measured them (per request, no coordinated-omission correction). */
  p50: number;
  p99: number;
  max: number;
  mbPerSecond: number;
  /** Socket errors: connect, read, write, timeout. */
  errors: number;
  timeouts: number;
  /** Responses with a status > 399 (wrk's own count). */
  statusOver399: number;
  /** Status counts, only in the revalidation mode (a response() hook slows wrk, so it is used only there). */
  statuses?: Record<string, number>;
}

export type WrkMode = 'get' | 'revalidate';

/** The Lua script; `mode` decides whether If-None-Match is sent and statuses are counted. */
function luaScript(mode: WrkMode): string {
  return `
local threads = {}
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end
function init(args)
  local targets, sample_file, token = args[1], args[2], args[3]
  requests = {}
  for line in io.lines(targets) do
    local p, etag = line:match("^([^\\t]*)\\t?(.*)$")
    local headers = {}
    if token ~= "" then headers["Authorization"] = "Bearer " .. token end
    ${mode === 'revalidate' ? 'headers["If-None-Match"] = etag' : ''}
    table.insert(requests, wrk.format("GET", p, headers))
  end
  sample = {}
  for line in io.lines(sample_file) do table.insert(sample, tonumber(line)) end
  position = (id * 7919) % #sample
  counts = {}
end
function request()
  position = position % #sample + 1
  return requests[sample[position]]
end
${
  mode === 'revalidate'
    ? `function response(status, headers, body)
  local key = tostring(status)
  counts[key] = (counts[key] or 0) + 1
end`
    : ''
}
function done(summary, latency, requests)
  local statuses = {}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    if c then for k, v in pairs(c) do statuses[k] = (statuses[k] or 0) + v end end
  end
  local parts = {}
  for k, v in pairs(statuses) do table.insert(parts, string.format('"%s":%d', k, v)) end
  local e = summary.errors
  io.write(string.format('WRK_JSON {"requests":%d,"durationUs":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"p50":%d,"p99":%d,"max":%d,"statuses":{%s}}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max, table.concat(parts, ",")))
end
`;
}

export interface WrkRun {
  label: string;
  baseUrl: string;
  /** File of "path<TAB>etag" lines, one per distinct target. */
  targetsFile: string;
  /** File of 1-based indices into the targets, in the order they are requested. */
  sampleFile: string;
  token: string;
  mode: WrkMode;
  clients: number;
  seconds: number;
  threads: number;
  /** taskset -c CPU list for wrk ('' = not pinned). */
  cpus?: string;
  timeoutSeconds: number;
  workDir: string;
}

export async function runWrk(run: WrkRun): Promise<WrkResult> {
  const script = path.join(run.workDir, `wrk-${run.mode}.lua`);
  await writeFile(script, luaScript(run.mode));
  const threads = Math.max(1, Math.min(run.threads, run.clients));
  const pin = run.cpus ? ['-c', run.cpus, 'wrk'] : [];
  const stdout = await runToEnd(run.cpus ? 'taskset' : 'wrk', [
    ...pin,
    `-t${threads}`,
    `-c${run.clients}`,
    `-d${run.seconds}s`,
    `--timeout`,
    `${run.timeoutSeconds}s`,
    '--latency',
    '-s',
    script,
    run.baseUrl,
    '--',
    run.targetsFile,
    run.sampleFile,
    run.token,
  ]);
  const json = /^WRK_JSON (.*)$/m.exec(stdout)?.[1];
  if (!json) throw new Error(`wrk printed no result:\n${stdout}`);
  const raw = JSON.parse(json) as Record<string, number> & { statuses: Record<string, number> };
  const seconds = (raw.durationUs ?? 0) / 1e6;
  const ms = (us: number | undefined) => Math.round((us ?? 0) / 10) / 100;
  const errors = (raw.connect ?? 0) + (raw.read ?? 0) + (raw.write ?? 0) + (raw.timeout ?? 0);
  return {
    label: run.label,
    clients: run.clients,
    seconds: Math.round(seconds * 10) / 10,
    requests: raw.requests ?? 0,
    perSecond: Math.round(((raw.requests ?? 0) / seconds) * 10) / 10,
    p50: ms(raw.p50),
    p99: ms(raw.p99),
    max: ms(raw.max),
    mbPerSecond: Math.round(((raw.bytes ?? 0) / seconds / 1024 / 1024) * 10) / 10,
    errors,
    timeouts: raw.timeout ?? 0,
    statusOver399: raw.status ?? 0,
    ...(run.mode === 'revalidate' ? { statuses: raw.statuses } : {}),
  };
}
