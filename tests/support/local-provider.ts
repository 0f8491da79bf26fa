import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProviderRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: any;
}

export interface ProviderAnswer {
  status: number;
  body: unknown;
}

/**
 * A local HTTP server standing in for a messaging provider (the WhatsApp Cloud API, an SMS
 * gateway): it records every request and answers from a script, then with `ok`.
 */
export interface LocalProvider {
  url: string;
  requests: ProviderRequest[];
  /** Answers for the next requests, in order; once used up, `ok`. */
  script: ProviderAnswer[];
  ok: ProviderAnswer;
  stop(): Promise<void>;
}

export async function startLocalProvider(ok: ProviderAnswer): Promise<LocalProvider> {
  const provider: LocalProvider = {
    url: '',
    requests: [],
    script: [],
    ok,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // kept as text
      }
      provider.requests.push({ path: req.url ?? '', headers: req.headers, body });
      const answer = provider.script.shift() ?? provider.ok;
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  provider.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return provider;
}
