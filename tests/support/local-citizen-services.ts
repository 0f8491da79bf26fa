import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

/**
 * What a city's Lapor page talks to besides this server, on 127.0.0.1: a CAPTCHA provider with
 * the hCaptcha/Turnstile siteverify API (POST secret + response, JSON { success }) and a stub of
 * its widget script, and a map tile server ({z}/{x}/{y}.png).
 */
export interface LocalCitizenServices {
  url: string;
  /** Every siteverify request, its form fields as sent. */
  verifications: Record<string, string>[];
  /** Tokens that pass; any other is refused with error-codes. */
  passing: Set<string>;
  /** The token the stub widget puts in the form. */
  widgetToken: string;
  tiles: string[];
  stop(): Promise<void>;
}

const WIDGET = (token: string) => `document.querySelectorAll('.h-captcha').forEach(function (el) {
  var input = document.createElement('input');
  input.type = 'hidden';
  input.name = 'h-captcha-response';
  input.value = ${JSON.stringify(token)};
  el.textContent = '';
  el.appendChild(input);
  var note = document.createElement('p');
  note.textContent = 'Pemeriksaan uji: selesai';
  el.appendChild(note);
});`;

export async function startLocalCitizenServices(): Promise<LocalCitizenServices> {
  // A plain tile with a road across it: enough to see the map, drawn once.
  const tile = await sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" fill="#eef3e8"/><path d="M0 150 L256 110" stroke="#f6d67a" stroke-width="14"/><path d="M90 0 L120 256" stroke="#ffffff" stroke-width="9"/><rect x="0.5" y="0.5" width="255" height="255" fill="none" stroke="#d6dccf"/></svg>`,
    ),
  )
    .png()
    .toBuffer();
  const services: LocalCitizenServices = {
    url: '',
    verifications: [],
    passing: new Set(['lulus']),
    widgetToken: 'lulus',
    tiles: [],
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const url = req.url ?? '';
      if (req.method === 'POST' && url === '/siteverify') {
        const fields = Object.fromEntries(new URLSearchParams(raw));
        services.verifications.push(fields);
        const success = services.passing.has(fields.response);
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(success ? { success } : { success, 'error-codes': ['invalid-input-response'] }));
      } else if (url === '/api.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(WIDGET(services.widgetToken));
      } else if (/^\/tiles\/\d+\/\d+\/\d+\.png$/.test(url)) {
        services.tiles.push(url);
        res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'max-age=3600' }).end(tile);
      } else {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  services.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return services;
}
