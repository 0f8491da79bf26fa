import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  path: string;
  id: string;
  timestamp: number;
  signature: string;
  body: string;
  /** The signature checked as an app would: HMAC-SHA256 of `<timestamp>.<body>` with the endpoint's secret, in constant time. */
  verified: boolean;
}

/** An app's webhook receiver on 127.0.0.1: checks every signature, answers 500 while told to fail. */
export class LocalWebhookReceiver {
  received: ReceivedHook[] = [];
  /** Secret per path, set after registering the endpoint. */
  secrets = new Map<string, string>();
  /** Paths that always answer 500, and how many next requests to any path fail. */
  broken = new Set<string>();
  failNext = 0;
  private server!: http.Server;

  static async start(): Promise<LocalWebhookReceiver> {
    const r = new LocalWebhookReceiver();
    r.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const path = req.url ?? '/';
        const timestamp = Number(req.headers['x-lapor-timestamp']);
        const signature = String(req.headers['x-lapor-signature'] ?? '');
        const secret = r.secrets.get(path) ?? '';
        const expected = `v1=${crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
        const verified =
          expected.length === signature.length &&
          crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature)) &&
          Math.abs(Date.now() / 1000 - timestamp) < 300;
        r.received.push({ path, id: String(req.headers['x-lapor-webhook-id']), timestamp, signature, body, verified });
        const fail = r.broken.has(path) || r.failNext > 0;
        if (r.failNext > 0) r.failNext -= 1;
        res.statusCode = fail ? 500 : verified ? 204 : 401;
        res.end();
      });
    });
    await new Promise<void>((resolve) => r.server.listen(0, '127.0.0.1', resolve));
    return r;
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
