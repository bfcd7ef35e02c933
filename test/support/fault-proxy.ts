import { createServer, type IncomingMessage, request as httpRequest, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { LocalS3 } from '../../src/local/s3-server';

/**
 * What the proxy does to the next requests. Everything except `pass` and `delay`
 * is a failure the Hook must turn into FAILED, never SUCCESS.
 */
export type Fault =
  | { readonly kind: 'pass' }
  /** Accept the TCP connection and destroy it at once (a peer that resets). */
  | { readonly kind: 'refuse' }
  /** Hold the request this long, then forward it (past the client's timeout = a hang). */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Answer with an S3-style XML error instead of forwarding. */
  | { readonly kind: 'status'; readonly status: number; readonly code: string; readonly message?: string }
  /** Forward, but send only half of the body under the full Content-Length, then cut the socket. */
  | { readonly kind: 'truncate' }
  /** Forward, but replace a successful body with text that is not JSON (Content-Length fixed up). */
  | { readonly kind: 'not-json' };

export interface ProxiedRequest {
  readonly method: string;
  readonly url: string;
  readonly fault: Fault['kind'];
  readonly conditional: boolean;
}

export interface FaultProxy {
  /** http://127.0.0.1:<port>: point AWS_ENDPOINT_URL_S3 here. */
  readonly endpoint: string;
  /** Every request that reached the proxy, with the fault it met. */
  readonly requests: ProxiedRequest[];
  /** Applies `fault` to the next requests (all of them, or only the next `times`, then `pass`). */
  setFault(fault: Fault, times?: number): void;
  close(): Promise<void>;
}

const NOT_JSON = '<html><body>503 Service Unavailable (captive portal)</body></html>';

function s3Error(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>FAULTPROXY</RequestId></Error>`;
}

/**
 * A small HTTP server on 127.0.0.1 between the S3 client and a real S3-compatible
 * server, injecting one fault at a time. The Host header is forwarded unchanged, so
 * SigV4 signatures made for the proxy's address still verify upstream.
 */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let fault: Fault = { kind: 'pass' };
  let remaining = Infinity;

  const current = (): Fault => {
    if (remaining <= 0) return { kind: 'pass' };
    remaining--;
    return fault;
  };

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer, applied: Fault): void => {
    const upstreamReq = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (upstreamRes) => {
        const chunks: Buffer[] = [];
        upstreamRes.on('data', (chunk: Buffer) => chunks.push(chunk));
        upstreamRes.on('end', () => {
          const full = Buffer.concat(chunks);
          const ok = (upstreamRes.statusCode ?? 500) < 300;
          if (applied.kind === 'truncate' && ok && full.length > 1) {
            res.writeHead(upstreamRes.statusCode ?? 200, { ...upstreamRes.headers, 'content-length': String(full.length) });
            res.write(full.subarray(0, Math.floor(full.length / 2)), () => res.socket?.destroy());
            return;
          }
          if (applied.kind === 'not-json' && ok && req.method === 'GET') {
            const text = Buffer.from(NOT_JSON);
            res.writeHead(upstreamRes.statusCode ?? 200, { ...upstreamRes.headers, 'content-length': String(text.length), 'content-type': 'text/html' });
            res.end(text);
            return;
          }
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          res.end(full);
        });
      },
    );
    upstreamReq.on('error', () => res.socket?.destroy());
    upstreamReq.end(body);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const applied = current();
      requests.push({ method: req.method ?? '', url: req.url ?? '', fault: applied.kind, conditional: req.headers['if-none-match'] !== undefined });
      const body = Buffer.concat(chunks);
      switch (applied.kind) {
        case 'refuse':
          req.socket.destroy();
          return;
        case 'status': {
          const xml = s3Error(applied.code, applied.message ?? applied.code);
          res.writeHead(applied.status, { 'content-type': 'application/xml', 'content-length': String(Buffer.byteLength(xml)) });
          res.end(xml);
          return;
        }
        case 'delay': {
          const timer = setTimeout(() => {
            timers.delete(timer);
            if (!req.socket.destroyed) forward(req, res, body, applied);
          }, applied.ms);
          timers.add(timer);
          return;
        }
        default:
          forward(req, res, body, applied);
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    setFault(next: Fault, times = Infinity) {
      fault = next;
      remaining = times;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on 127.0.0.1 with nothing listening: connections are refused by the OS. */
export async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/**
 * A template server with the fault proxy in front, started for the whole test file and
 * reset to `pass` before each test (registers the jest hooks itself).
 */
export function useProxiedTemplateServer(start: () => Promise<LocalS3>): { readonly s3: LocalS3; readonly proxy: FaultProxy } {
  const servers = {} as { s3: LocalS3; proxy: FaultProxy };
  beforeAll(async () => {
    servers.s3 = await start();
    servers.proxy = await startFaultProxy(servers.s3.endpoint);
  });
  afterAll(async () => {
    await servers.proxy.close();
    await servers.s3.close();
  });
  beforeEach(() => servers.proxy.setFault({ kind: 'pass' }));
  return servers;
}
