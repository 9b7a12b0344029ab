import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { addAcceptHandles, type AcceptHandles } from './accept-handles';

const CLIENTS = 20;
const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const undo of cleanup.splice(0)) undo();
});

async function listeningServer(): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((_request, response) => response.end('ok'));
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 511 }, resolve));
  cleanup.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return { server, port: (server.address() as AddressInfo).port };
}

/**
 * Opens CLIENTS connections while the event loop is blocked (the kernel completes the
 * handshakes and queues them for accept), then counts how many the server accepts in each
 * loop turn.
 */
async function acceptsPerTurn(server: http.Server, port: number): Promise<{ perTurn: number[]; clients: net.Socket[] }> {
  const clients = Array.from({ length: CLIENTS }, () => net.connect(port, '127.0.0.1'));
  cleanup.push(() => {
    for (const client of clients) client.destroy();
  });
  // net.connect makes its connect() call on the next tick; let those run first.
  await new Promise((resolve) => process.nextTick(resolve));
  const blockedUntil = performance.now() + 150;
  while (performance.now() < blockedUntil); // every handshake completes while the loop waits

  let turn = 0;
  const acceptedInTurn = new Map<number, number>();
  server.on('connection', () => acceptedInTurn.set(turn, (acceptedInTurn.get(turn) ?? 0) + 1));
  let ticker = setImmediate(function tick() {
    turn += 1;
    ticker = setImmediate(tick);
  });
  const deadline = Date.now() + 5_000;
  while ([...acceptedInTurn.values()].reduce((a, b) => a + b, 0) < CLIENTS && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  clearImmediate(ticker);
  return { perTurn: [...acceptedInTurn.entries()].sort(([a], [b]) => a - b).map(([, n]) => n), clients };
}

async function get(client: net.Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    client.setEncoding('utf8');
    client.on('data', (chunk: string) => {
      text += chunk;
      if (text.endsWith('ok')) resolve(text);
    });
    client.once('error', reject);
    client.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
  });
}

describe('addAcceptHandles', () => {
  it('one descriptor accepts one waiting connection per loop turn (libuv ≥ 1.45)', async () => {
    const { server, port } = await listeningServer();
    const handles = await addAcceptHandles(server, 1);
    expect(handles.extra).toHaveLength(0);
    const { perTurn } = await acceptsPerTurn(server, port);
    expect(perTurn[0]).toBe(1);
    expect(perTurn.reduce((a, b) => a + b, 0)).toBe(CLIENTS);
  });

  it('k descriptors accept k waiting connections per turn, and every connection is served by the one server', async () => {
    const { server, port } = await listeningServer();
    const handles: AcceptHandles = await addAcceptHandles(server, 8, { backlog: 511 });
    cleanup.unshift(() => handles.close());
    expect(handles.extra).toHaveLength(7);
    const { perTurn, clients } = await acceptsPerTurn(server, port);
    expect(perTurn[0]).toBe(8);
    expect(perTurn.reduce((a, b) => a + b, 0)).toBe(CLIENTS);
    const answers = await Promise.all(clients.map(get));
    expect(answers.every((answer) => answer.startsWith('HTTP/1.1 200') && answer.endsWith('ok'))).toBe(true);
    // The main server tracks them all (keep-alive, timeouts): closeAllConnections ends every one.
    const closed = Promise.all(clients.map((client) => new Promise((resolve) => client.once('close', resolve))));
    server.closeAllConnections();
    await expect(closed).resolves.toHaveLength(CLIENTS);
  });

  it('closing the added handles leaves the main server listening', async () => {
    const { server, port } = await listeningServer();
    const handles = await addAcceptHandles(server, 4);
    handles.close();
    const client = net.connect(port, '127.0.0.1');
    cleanup.push(() => client.destroy());
    await expect(get(client)).resolves.toMatch(/ok$/);
  });

  it('a helper that does not answer in time leaves one descriptor, reported, and the server serving', async () => {
    const { server, port } = await listeningServer();
    const errors: Error[] = [];
    const handles = await addAcceptHandles(server, 8, { timeoutMs: 1, onError: (error) => errors.push(error) });
    expect(handles.extra).toHaveLength(0);
    expect(errors.map((error) => error.message)).toEqual(['accept handles: no answer in 1 ms']);
    const client = net.connect(port, '127.0.0.1');
    cleanup.push(() => client.destroy());
    await expect(get(client)).resolves.toMatch(/ok$/);
  });

  it('a server that is not listening gets no added handles', async () => {
    const handles = await addAcceptHandles(http.createServer(), 8);
    expect(handles.extra).toHaveLength(0);
  });
});
