// PostgreSQL's LISTEN/NOTIFY as a transport for the event bus (src/bus): a dedicated connection that
// listens (and reconnects by itself), and a small pool that sends. Only the driver lives here; what the
// payloads mean is the bus's business.
import pg from 'pg';

export interface NotificationChannel {
  /** Sends `payload` (under 8 000 bytes) to every listener of the channel, this one included. */
  notify(payload: string): Promise<void>;
  /** Resolves once the channel listens (again, after a lost connection). */
  listening(): Promise<void>;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 10_000;

/** Listens on `channel` of the server at `url`, calling `onPayload` for each notification. */
export function openNotificationChannel(
  url: string,
  channel: string,
  onPayload: (payload: string) => void,
): NotificationChannel {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`bad channel name ${channel}`);
  const senders = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  senders.on('error', () => undefined);
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let waiters: (() => void)[] = [];
  let isListening = false;
  const start = () => {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    client = c;
    let lost = false;
    const reconnect = () => {
      if (lost) return;
      lost = true;
      isListening = false;
      void c.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(start, 1000).unref();
    };
    c.on('notification', (n) => {
      if (n.channel === channel && n.payload !== undefined) onPayload(n.payload);
    });
    c.on('error', reconnect);
    c.on('end', reconnect);
    c.connect()
      .then(() => c.query(`LISTEN ${channel}`))
      .then(() => {
        isListening = true;
        for (const w of waiters) w();
        waiters = [];
      })
      .catch(reconnect);
  };
  start();
  return {
    notify: async (payload) => {
      await senders.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    listening: () =>
      isListening ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)),
    close: async () => {
      stopped = true;
      clearTimeout(retry);
      for (const w of waiters) w();
      waiters = [];
      await Promise.all([client?.end().catch(() => undefined), senders.end().catch(() => undefined)]);
    },
  };
}
