import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { NotificationChannel } from './notification.enums';

/** One message as a channel sends it. */
export interface OutgoingMessage {
  /** The provider's idempotency key where it has one (e-mail: the Message-ID). */
  dedupeKey: string;
  /** An e-mail address (WhatsApp and SMS: a phone number). */
  to: string;
  subject: string;
  body: string;
}

/** A refusal: `permanent` ones (an invalid address) are not tried again. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/**
 * Every channel that leaves the building is one of these; the dispatcher knows nothing else.
 * The console's own centre needs none: its rows are delivered when written.
 */
export interface ChannelAdapter {
  readonly channel: NotificationChannel;
  send(message: OutgoingMessage): Promise<void>;
  close?(): void;
}

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
  /** The From header, e.g. `"LAPOR Magelang" <lapor@magelangkota.go.id>`. */
  from: string;
}

/** E-mail over SMTP (nodemailer). */
export class EmailChannel implements ChannelAdapter {
  readonly channel = NotificationChannel.EMAIL;
  private readonly transport: Transporter;
  private readonly domain: string;

  constructor(private readonly config: SmtpConfig) {
    this.transport = nodemailer.createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure,
      auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
      // Well under the database's idle-in-transaction limit: the row stays locked while it is sent.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    this.domain = /@([^>\s]+)/.exec(config.from)?.[1] ?? 'localhost';
  }

  async send(m: OutgoingMessage): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.config.from,
        to: m.to,
        subject: m.subject,
        text: m.body,
        // The same message tried again carries the same id, which mail systems deduplicate on.
        messageId: `<${m.dedupeKey}@${this.domain}>`,
      });
    } catch (err) {
      const e = err as Error & { responseCode?: number };
      // 5xx: the server refuses this message for good (no such mailbox, rejected); anything else may pass later.
      const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
      throw new DeliveryError(e.message.replaceAll(m.to, '<penerima>'), permanent);
    }
  }

  close(): void {
    this.transport.close();
  }
}
