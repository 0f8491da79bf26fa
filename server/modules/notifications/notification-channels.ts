import nodemailer from 'nodemailer';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
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
      // A few connections kept open and reused: a handshake (and TLS) per message would cost more than the message.
      pool: true,
      maxConnections: 4,
      maxMessages: 200,
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

/**
 * A phone number as providers want it: international digits without "+", Indonesian numbers
 * written the local way (0812…) included; null when it is not a possible mobile or fixed number.
 */
export function phoneDigits(raw: string): string | null {
  const parsed = parsePhoneNumberFromString(raw, 'ID');
  return parsed?.isPossible() ? parsed.number.slice(1) : null;
}

/** What the HTTP status of a provider's answer means for the message: retry later, or give up on it. */
async function refusalOf(res: Response, provider: string, to: string, detail: (body: unknown) => string | null): Promise<DeliveryError> {
  const body: unknown = await res.json().catch(() => null);
  // The number is the reporter's: it stays out of the error the console shows.
  const why = (detail(body) ?? res.statusText).replaceAll(to, '<penerima>');
  // 429 and 5xx pass later; any other 4xx (an invalid number, a bad template) will never pass as it is.
  const permanent = res.status >= 400 && res.status < 500 && res.status !== 429 && res.status !== 408;
  return new DeliveryError(`${provider} ${res.status}: ${why}`, permanent);
}

const PROVIDER_TIMEOUT_MS = 15_000;

async function post(url: string, headers: Record<string, string>, body: string, provider: string): Promise<Response> {
  try {
    return await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
  } catch (err) {
    throw new DeliveryError(`${provider} unreachable: ${(err as Error).message}`, false);
  }
}

export interface WhatsAppConfig {
  /** The Graph API base, e.g. https://graph.facebook.com/v21.0 (a local server in tests). */
  apiUrl: string;
  phoneNumberId: string;
  /** A system user's access token: from the environment only. */
  token: string;
  /** An approved template with two body parameters: the subject, then the text. */
  template: string;
  language: string;
}

/**
 * The WhatsApp Business Cloud API's messages endpoint with an approved template (messages to
 * people who did not write first must be templates). The API has no idempotency key: a retry
 * after a lost answer may send twice, which the dispatcher only risks on timeouts.
 */
export class WhatsAppChannel implements ChannelAdapter {
  readonly channel = NotificationChannel.WHATSAPP;

  constructor(private readonly config: WhatsAppConfig) {}

  async send(m: OutgoingMessage): Promise<void> {
    const to = phoneDigits(m.to);
    if (!to) throw new DeliveryError('not a phone number', true);
    const res = await post(
      `${this.config.apiUrl.replace(/\/$/, '')}/${encodeURIComponent(this.config.phoneNumberId)}/messages`,
      { authorization: `Bearer ${this.config.token}`, 'content-type': 'application/json' },
      JSON.stringify({
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to,
        type: 'template',
        // Echoed in the status webhooks: the outbox row this message is.
        biz_opaque_callback_data: m.dedupeKey,
        template: {
          name: this.config.template,
          language: { code: this.config.language },
          components: [{ type: 'body', parameters: [m.subject, m.body].map((text) => ({ type: 'text', text: text.replace(/\n+/g, ' · ') })) }],
        },
      }),
      'WhatsApp',
    );
    if (!res.ok) {
      throw await refusalOf(res, 'WhatsApp', to, (b) => {
        const e = (b as { error?: { code?: number; message?: string } } | null)?.error;
        return e ? `${e.code ?? ''} ${e.message ?? ''}`.trim() : null;
      });
    }
  }
}

export interface SmsConfig {
  /** The gateway's send endpoint. */
  url: string;
  /** One header carrying the credentials, e.g. "Authorization: Basic …" (from the environment only). */
  authHeader: { name: string; value: string } | null;
  /** The JSON body with {to}, {text} and {id} (the dedupe key) placeholders. */
  bodyTemplate: string;
}

/** Any HTTP SMS gateway that takes a JSON POST: the body is the configured template, filled in. */
export class SmsChannel implements ChannelAdapter {
  readonly channel = NotificationChannel.SMS;

  constructor(private readonly config: SmsConfig) {}

  async send(m: OutgoingMessage): Promise<void> {
    const to = phoneDigits(m.to);
    if (!to) throw new DeliveryError('not a phone number', true);
    // JSON-escaped, so a quote in the text cannot break the body.
    const value = (v: string) => JSON.stringify(v).slice(1, -1);
    const text = `${m.subject}\n${m.body}`;
    const body = this.config.bodyTemplate.replaceAll('{to}', value(to)).replaceAll('{text}', value(text)).replaceAll('{id}', value(m.dedupeKey));
    const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': m.dedupeKey };
    if (this.config.authHeader) headers[this.config.authHeader.name] = this.config.authHeader.value;
    const res = await post(this.config.url, headers, body, 'SMS gateway');
    if (!res.ok) throw await refusalOf(res, 'SMS gateway', to, (b) => (b && typeof b === 'object' ? JSON.stringify(b).slice(0, 300) : null));
  }
}
