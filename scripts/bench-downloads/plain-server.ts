// Baseline "the local limit": a plain node:http server answering the same PDF bytes, by
// path, from memory. Run as a child process by bench-downloads; argument: the targets
// file ("path<TAB>etag<TAB>file" per line). Prints "LISTENING <port>".
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const files = new Map<string, { body: Buffer; etag: string }>();
for (const line of readFileSync(process.argv[2] ?? '', 'utf8').split('\n')) {
  const [pathname, etag, file] = line.split('\t');
  if (pathname && etag && file) files.set(pathname, { body: readFileSync(file), etag });
}

const server = http.createServer((request, response) => {
  const file = files.get((request.url ?? '').split('?')[0] ?? '');
  if (!file) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  response.writeHead(200, {
    'content-type': 'application/pdf',
    'content-length': file.body.length,
    etag: file.etag,
    'cache-control': 'private, no-cache',
  });
  response.end(file.body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(`LISTENING ${(server.address() as AddressInfo).port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
