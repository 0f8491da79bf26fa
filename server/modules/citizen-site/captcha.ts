import { esc } from './html';

/**
 * A CAPTCHA provider with a siteverify API (hCaptcha, Cloudflare Turnstile and those compatible
 * with them): the widget puts a token in the form, the server POSTs secret + response and reads
 * JSON `{ success }`.
 */
export interface CaptchaConfig {
  /** CAPTCHA_VERIFY_URL */
  verifyUrl: string;
  /** CAPTCHA_SECRET: from the environment only. */
  secret: string;
  /** CAPTCHA_SITE_KEY: public, rendered into the widget. */
  siteKey: string;
  /** CAPTCHA_SCRIPT_URL: the provider's widget script. */
  scriptUrl: string;
  /** The element the widget script fills (its class). */
  widgetClass: string;
  /** The form field the widget puts its token in. */
  responseField: string;
}

export type CaptchaProvider = 'hcaptcha' | 'turnstile';

export const CAPTCHA_PROVIDERS: Record<CaptchaProvider, Omit<CaptchaConfig, 'secret' | 'siteKey'>> = {
  hcaptcha: {
    verifyUrl: 'https://api.hcaptcha.com/siteverify',
    scriptUrl: 'https://js.hcaptcha.com/1/api.js',
    widgetClass: 'h-captcha',
    responseField: 'h-captcha-response',
  },
  turnstile: {
    verifyUrl: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
    scriptUrl: 'https://challenges.cloudflare.com/turnstile/v0/api.js',
    widgetClass: 'cf-turnstile',
    responseField: 'cf-turnstile-response',
  },
};

/** The widget's place in the form and the provider's script (which the provider serves: it is not part of the page's own budget). */
export function captchaWidget(c: CaptchaConfig): string {
  return `<div class="captcha"><p class="hint" id="captcha-hint">Centang pemeriksaan berikut agar kami tahu laporan ini dikirim oleh manusia.</p>
<div class="${esc(c.widgetClass)}" data-sitekey="${esc(c.siteKey)}" data-language="id"></div></div>`;
}

export function captchaScript(c: CaptchaConfig): string {
  return `<script src="${esc(c.scriptUrl)}" async defer></script>`;
}

export type CaptchaVerdict = 'passed' | 'refused' | 'unreachable';

const VERIFY_TIMEOUT_MS = 5000;

/**
 * Asks the provider whether the widget's token is good. An empty token is refused without asking.
 * 'unreachable' when the provider does not answer in time or answers with something other than
 * its JSON: the caller says so and keeps the form, it never accepts the post unchecked.
 */
export async function verifyCaptcha(
  c: CaptchaConfig,
  token: string,
  remoteIp: string,
  onProblem: (detail: Record<string, unknown>) => void = () => undefined,
): Promise<CaptchaVerdict> {
  if (!token) return 'refused';
  try {
    const res = await fetch(c.verifyUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ secret: c.secret, response: token, remoteip: remoteIp, sitekey: c.siteKey }).toString(),
      signal: AbortSignal.timeout(VERIFY_TIMEOUT_MS),
    });
    if (!res.ok) {
      onProblem({ status: res.status });
      return 'unreachable';
    }
    const body = (await res.json()) as { success?: unknown; 'error-codes'?: unknown };
    if (body.success === true) return 'passed';
    onProblem({ errorCodes: body['error-codes'] });
    return 'refused';
  } catch (err) {
    onProblem({ error: (err as Error).message });
    return 'unreachable';
  }
}
