// TEMP probe (not committed): floor vs posting with wrk.
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createUser } from '../lib/domains/auth/users';
import { createPrisma } from '../lib/adapters/db/prisma';
import { startStack } from '../lib/adapters/infra/stack';

async function main() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'probe-'));
  const stack = await startStack({ port: 3390, workers: Number(process.env.W ?? 1), dataDir, seed: false, log: () => {}, createsTestUsers: 'probe' });
  const prisma = createPrisma(stack.databaseUrl);
  await createUser({ prisma, email: 'p@x.io', name: 'P', password: 'probe password 1' });
  await prisma.$disconnect();
  const base = `${stack.url}/api/v1`;
  const post = async (url: string, body: unknown, token?: string) => (await fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) })).json() as Promise<any>;
  const { token } = await post('/tokens', { email: 'p@x.io', password: 'probe password 1' });
  const orgs: string[] = [];
  for (let i = 0; i < 8; i++) orgs.push((await post('/organizations', { name: `P${i}`, baseCurrency: 'EUR' }, token)).id);
  const today = new Date().toISOString().slice(0, 10);
  const lua = (n: number) => `
local orgs = {${orgs.slice(0, n).map((o) => `"${o}"`).join(',')}}
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer ${token}"
request = function()
  i = i + 1
  local body = '{"date":"${today}","memo":"probe ' .. i .. '","lines":[{"accountCode":"1100","debit":"12.34"},{"accountCode":"4000","credit":"12.34"}]}'
  return wrk.format("POST", "/api/v1/organizations/" .. orgs[(i % #orgs) + 1] .. "/journal-entries", nil, body)
end
`;
  await writeFile('/tmp/x/probe/p8.lua', lua(8));
  await writeFile('/tmp/x/probe/p1.lua', lua(1));
  const wrk = (args: string[]) => execFileSync('wrk', ['-t2', '-c16', '-d8s', '--latency', ...args], { encoding: 'utf8' });
  const pick = (out: string) => out.split('\n').filter((l) => /Requests\/sec|50%|99%|Non-2xx|Socket/.test(l)).join(' | ');
  console.log('404   ', pick(wrk([`${stack.url}/nope`])));
  if (process.env.PROF_WAIT) { console.log('ready', stack.url, token, orgs.join(',')); await new Promise((r) => setTimeout(r, Number(process.env.PROF_WAIT))); }
  console.log('post8 ', pick(wrk(['-s', '/tmp/x/probe/p8.lua', stack.url])));
  console.log('post1 ', pick(wrk(['-s', '/tmp/x/probe/p1.lua', stack.url])));
  console.log('404   ', pick(wrk([`${stack.url}/nope`])));
  await stack.stop();
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
