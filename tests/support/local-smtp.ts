import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { SmtpConfig } from '../../server/modules/notifications/notification-channels';

export interface ReceivedMail {
  to: string[];
  subject: string;
  messageId: string;
  body: string;
}

/** A real SMTP server on 127.0.0.1 that keeps what it receives; it can refuse the next messages with a 451, as a busy server does. */
export interface LocalSmtp {
  received: ReceivedMail[];
  /** How many of the next recipients to refuse with 451 (temporary). */
  failNext: number;
  /** Milliseconds to take over each message, so concurrent senders overlap. */
  delayMs: number;
  config(): SmtpConfig;
  stop(): Promise<void>;
}

function header(head: string, name: string): string {
  const m = new RegExp(`^${name}:[ \\t]*((?:.*)(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head);
  return m ? m[1].replace(/\r?\n[ \t]+/g, ' ').trim() : '';
}

function parse(raw: string, to: string[]): ReceivedMail {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split);
  let body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const encoding = header(head, 'Content-Transfer-Encoding').toLowerCase();
  if (encoding === 'quoted-printable') {
    body = Buffer.from(
      body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  } else if (encoding === 'base64') {
    body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  return { to, subject: header(head, 'Subject'), messageId: header(head, 'Message-ID'), body: body.replace(/\r\n/g, '\n') };
}

export async function startLocalSmtp(): Promise<LocalSmtp> {
  const smtp: LocalSmtp = {
    received: [],
    failNext: 0,
    delayMs: 0,
    config: () => ({ host: '127.0.0.1', port, secure: false, user: null, password: null, from: '"LAPOR Uji" <lapor@uji.test>' }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (smtp.failNext > 0) {
        smtp.failNext -= 1;
        // The address in the refusal, as real servers write it: the outbox must not keep it.
        return callback(Object.assign(new Error(`Mailbox <${address.address}> busy, try again later`), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        setTimeout(() => {
          smtp.received.push(
            parse(
              Buffer.concat(chunks).toString('utf8'),
              session.envelope.rcptTo.map((r) => r.address),
            ),
          );
          callback();
        }, smtp.delayMs);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return smtp;
}
