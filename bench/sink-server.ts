/**
 * The providers the outbox sends to in the bench, in a process of their own so their work does not
 * slow the load generator: an HTTP endpoint answering as the WhatsApp Cloud API does, and an SMTP
 * server. They only count what arrives. Prints `{"http":port,"smtp":port}`; GET /count on the HTTP port.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

const count = { http: 0, smtp: 0 };
const answer = JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: 'wamid.BENCH' }] });

const api = http.createServer((req, res) => {
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(count));
    return;
  }
  req.resume();
  req.on('end', () => {
    count.http += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
  });
});

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _session, done) {
    stream.resume();
    stream.on('end', () => {
      count.smtp += 1;
      done();
    });
  },
});

api.listen(0, '127.0.0.1', () => {
  smtp.listen(0, '127.0.0.1', () => {
    const port = (s: { address(): AddressInfo | string | null }) => (s.address() as AddressInfo).port;
    process.stdout.write(`${JSON.stringify({ http: port(api), smtp: port(smtp.server) })}\n`);
  });
});
process.on('SIGTERM', () => process.exit(0));
