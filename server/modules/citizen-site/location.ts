import crypto from 'node:crypto';
import { esc } from './html';
import { laporEnhance } from './lapor.browser';

/** A tile server for the point picker on Lapor; without one the page offers the fields and "Gunakan lokasi saya". */
export interface MapConfig {
  /** MAP_TILE_URL, e.g. https://tiles.example.go.id/{z}/{x}/{y}.png: loaded by the visitor's browser, never by this server. */
  tileUrl: string;
  /** MAP_TILE_ATTRIBUTION: the credit the tile server's licence asks for. */
  attribution: string;
  /** MAP_CENTER: where the map opens before a point is chosen. */
  center: [number, number];
  /** MAP_ZOOM */
  zoom: number;
}

export interface Script {
  path: string;
  body: string;
}

/** Named by its content: a browser keeps it a year, and a changed script is a new name. */
function script(name: string, fn: () => void): Script {
  const body = `(function(){"use strict";(${fn.toString()})();})();\n`;
  return { path: `/aset/${name}.${crypto.createHash('sha256').update(body).digest('hex').slice(0, 12)}.js`, body };
}

export const LAPOR_SCRIPT = script('lapor', laporEnhance);

/** The point fields; the button and the map are shown by the script, so without it nothing is offered that does not work. */
export function locationFields(v: Record<string, string>, map: MapConfig | null): string {
  const picker = map
    ? `<div id="peta" class="map" hidden data-tiles="${esc(map.tileUrl)}" data-center="${map.center.join(',')}" data-zoom="${map.zoom}">
<div class="tiles" aria-hidden="true"></div><span class="pin" hidden></span>
<div class="zoom"><button type="button" data-zoom="1" aria-label="Perbesar peta">+</button><button type="button" data-zoom="-1" aria-label="Perkecil peta">−</button></div>
${map.attribution ? `<span class="attr">${esc(map.attribution)}</span>` : ''}</div><p class="hint" data-map-hint>Ketuk peta untuk memilih titik, geser untuk berpindah.</p>`
    : '';
  return `<fieldset><legend>Titik lokasi (opsional)</legend>
<p class="hint">Membantu petugas menemukan tempatnya. Titik pengaduan yang rahasia atau anonim tidak pernah ditampilkan kepada publik.</p>
<button type="button" id="lokasi-saya" class="secondary" hidden>Gunakan lokasi saya</button>
${picker}<p class="hint" id="lokasi-status" role="status" aria-live="polite"></p><label for="latitude">Lintang (latitude)</label><input type="text" id="latitude" name="latitude" value="${esc(v.latitude)}" autocomplete="off" placeholder="-7.479700" aria-describedby="titik-contoh">
<label for="longitude">Bujur (longitude)</label><input type="text" id="longitude" name="longitude" value="${esc(v.longitude)}" autocomplete="off" placeholder="110.217700" aria-describedby="titik-contoh">
<p class="hint" id="titik-contoh">Angka desimal, misalnya -7.4797 dan 110.2177 (Alun-alun Kota Magelang). Kosongkan bila tidak tahu.</p></fieldset>`;
}

/**
 * The typed point as numbers (a decimal comma read as a point). The ranges and "both or
 * neither" are the API's own rules (ComplaintInput, ComplaintService.submit), refused there
 * naming the field; here only what is not a number at all, which GraphQL could not carry.
 */
export function parsePoint(v: Record<string, string>): { latitude: number | null; longitude: number | null; problem: string | null } {
  const num = (raw: string | undefined) => {
    const s = (raw ?? '').trim().replace(',', '.');
    return s === '' ? null : /^[-+]?\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
  };
  const latitude = num(v.latitude);
  const longitude = num(v.longitude);
  if (Number.isNaN(latitude)) return { latitude: null, longitude: null, problem: 'Lintang: harus berupa angka desimal, misalnya -7.4797' };
  if (Number.isNaN(longitude)) return { latitude: null, longitude: null, problem: 'Bujur: harus berupa angka desimal, misalnya 110.2177' };
  return { latitude, longitude, problem: null };
}
