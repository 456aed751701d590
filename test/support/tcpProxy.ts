// A TCP proxy between the hub and PostgreSQL that a test can break the ways a network does: `cut` resets
// every connection and refuses new ones; `stall` keeps the connections (and accepts new ones) but
// forwards nothing, in either direction, without a reset; `heal` forwards again (what a stall held back
// is delivered, as TCP would once the path is back).
import { createConnection, createServer, type Server, type Socket } from 'node:net';

type Mode = 'forward' | 'cut' | 'stall';

interface Pair {
  client: Socket;
  upstream: Socket;
  /** What arrived during a stall, per direction, delivered on heal. */
  held: { toUpstream: Buffer[]; toClient: Buffer[] };
}

export class TcpProxy {
  private server: Server | undefined;
  private readonly pairs = new Set<Pair>();
  private mode: Mode = 'forward';
  port = 0;
  /** Connections accepted, for the test's own checks. */
  accepted = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  /** The URL `url` rewritten to reach its server through this proxy. */
  route(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  async open(): Promise<this> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    return this;
  }

  private accept(client: Socket): void {
    this.accepted++;
    if (this.mode === 'cut') {
      client.destroy();
      return;
    }
    const upstream = createConnection(this.target);
    const pair: Pair = { client, upstream, held: { toUpstream: [], toClient: [] } };
    this.pairs.add(pair);
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.pairs.delete(pair);
    };
    for (const s of [client, upstream]) {
      s.on('close', end);
      s.on('error', end);
    }
    client.on('data', (d: Buffer) => {
      if (this.mode === 'stall') pair.held.toUpstream.push(d);
      else upstream.write(d);
    });
    upstream.on('data', (d: Buffer) => {
      if (this.mode === 'stall') pair.held.toClient.push(d);
      else client.write(d);
    });
  }

  /** Resets every connection and refuses new ones until `heal`. */
  cut(): void {
    this.mode = 'cut';
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  /** Forwards nothing (connections stay open, new ones are accepted) until `heal`. */
  stall(): void {
    this.mode = 'stall';
  }

  heal(): void {
    this.mode = 'forward';
    for (const { client, upstream, held } of this.pairs) {
      for (const d of held.toUpstream.splice(0)) upstream.write(d);
      for (const d of held.toClient.splice(0)) client.write(d);
    }
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
