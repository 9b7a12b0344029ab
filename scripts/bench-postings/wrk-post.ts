// Closed-loop load from a second process: wrk posting balanced two-line entries, spread
// round-robin over the given organizations, or a GET of one path (the framework floor).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runToEnd } from '../bench-downloads/processes';

export interface WrkFigures {
  label: string;
  clients: number;
  perSecond: number;
  p50: number;
  p99: number;
  requests: number;
  /** Socket errors (connect, read, write, timeout) plus responses the script did not expect. */
  errors: number;
  statuses: Record<string, number>;
}

const DONE = `
function done(summary, latency, requests)
  local statuses = {}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    if c then for k, v in pairs(c) do statuses[k] = (statuses[k] or 0) + v end end
  end
  local parts = {}
  for k, v in pairs(statuses) do table.insert(parts, string.format('"%s":%d', k, v)) end
  local e = summary.errors
  io.write(string.format('WRK_JSON {"requests":%d,"durationUs":%d,"socket":%d,"p50":%d,"p99":%d,"statuses":{%s}}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99), table.concat(parts, ",")))
end
`;

const COMMON = `
threads = {}
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end
function response(status, headers, body)
  local key = tostring(status)
  counts[key] = (counts[key] or 0) + 1
end
`;

function postScript(): string {
  return `${COMMON}
function init(args)
  orgs = {}
  for org in string.gmatch(args[1], "[^,]+") do table.insert(orgs, org) end
  token, day = args[2], args[3]
  counts = {}
  i = id * 1000003
end
function request()
  i = i + 1
  local cents = 100 + (i * 7919) % 500000
  local amount = string.format("%d.%02d", math.floor(cents / 100), cents % 100)
  local body = '{"date":"' .. day .. '","memo":"Benchmark sale ' .. i .. '","lines":[{"accountCode":"1100","debit":"' .. amount .. '"},{"accountCode":"4000","credit":"' .. amount .. '"}]}'
  return wrk.format("POST", "/api/v1/organizations/" .. orgs[(i % #orgs) + 1] .. "/journal-entries",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end
${DONE}`;
}

function getScript(): string {
  return `${COMMON}
function init(args) counts = {} end
${DONE}`;
}

export async function wrkPost(options: {
  label: string;
  baseUrl: string;
  organizations: readonly string[];
  token: string;
  day: string;
  clients: number;
  seconds: number;
  workDir: string;
}): Promise<WrkFigures> {
  const script = path.join(options.workDir, 'wrk-post.lua');
  await writeFile(script, postScript());
  return run(options.label, options.clients, expected(201), [
    ...wrkArgs(options.clients, options.seconds, script, options.baseUrl),
    '--',
    options.organizations.join(','),
    options.token,
    options.day,
  ]);
}

export async function wrkGet(options: { label: string; url: string; expect: number; clients: number; seconds: number; workDir: string }) {
  const script = path.join(options.workDir, 'wrk-get.lua');
  await writeFile(script, getScript());
  return run(options.label, options.clients, expected(options.expect), wrkArgs(options.clients, options.seconds, script, options.url));
}

/** Two threads, a 10 s timeout, latency percentiles, the Lua script. */
const wrkArgs = (clients: number, seconds: number, script: string, url: string) => [
  '-t2',
  `-c${clients}`,
  `-d${seconds}s`,
  '--timeout',
  '10s',
  '--latency',
  '-s',
  script,
  url,
];

const expected = (status: number) => (statuses: Record<string, number>) =>
  Object.entries(statuses).reduce((sum, [key, count]) => (key === String(status) ? sum : sum + count), 0);

async function run(label: string, clients: number, unexpected: (statuses: Record<string, number>) => number, args: string[]) {
  const stdout = await runToEnd('wrk', args);
  const json = /^WRK_JSON (.*)$/m.exec(stdout)?.[1];
  if (!json) throw new Error(`wrk printed no result:\n${stdout}`);
  const raw = JSON.parse(json) as {
    requests: number;
    durationUs: number;
    socket: number;
    p50: number;
    p99: number;
    statuses: Record<string, number>;
  };
  const ms = (us: number) => Math.round(us / 10) / 100;
  return {
    label,
    clients,
    perSecond: Math.round((raw.requests / (raw.durationUs / 1e6)) * 10) / 10,
    p50: ms(raw.p50),
    p99: ms(raw.p99),
    requests: raw.requests,
    errors: raw.socket + unexpected(raw.statuses),
    statuses: raw.statuses,
  } satisfies WrkFigures;
}
