import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 standing in for the S3 presigned URLs CloudFormation
 * hands a stack-level hook: it serves payloads, and misbehaves on request (status codes,
 * silence, endless or oversized bodies) for the fault tests.
 */
export type Route =
  | { readonly kind: 'body'; readonly body: string; readonly status?: number; readonly headers?: Record<string, string> }
  | { readonly kind: 'hang' }
  | { readonly kind: 'big'; readonly bytes: number; readonly declareLength: boolean }
  | { readonly kind: 'flaky'; readonly failures: number; readonly status: number; readonly body: string };

export interface PayloadServer {
  readonly base: string;
  /** Requests per path, to count retries. */
  readonly hits: Map<string, number>;
  serve(path: string, route: Route): string;
  close(): Promise<void>;
}

function respond(route: Route, req: IncomingMessage, res: ServerResponse, hit: number): void {
  switch (route.kind) {
    case 'body':
      res.writeHead(route.status ?? 200, { 'content-type': 'application/json', ...route.headers });
      res.end(route.body);
      return;
    case 'hang':
      return; // never answers; the socket is destroyed on close
    case 'flaky':
      if (hit <= route.failures) {
        res.writeHead(route.status);
        res.end('try again');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(route.body);
      }
      return;
    case 'big': {
      res.writeHead(200, route.declareLength ? { 'content-length': String(route.bytes) } : {});
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < route.bytes) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      req.socket.on('close', () => (sent = route.bytes));
      pump();
    }
  }
}

export async function startPayloadServer(): Promise<PayloadServer> {
  const routes = new Map<string, Route>();
  const hits = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const hit = (hits.get(path) ?? 0) + 1;
    hits.set(path, hit);
    const route = routes.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/xml' });
      res.end('<Error><Code>NoSuchKey</Code></Error>');
      return;
    }
    respond(route, req, res, hit);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    hits,
    serve(path, route) {
      routes.set(path, route);
      return `${base}${path}?X-Amz-Signature=test`;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
