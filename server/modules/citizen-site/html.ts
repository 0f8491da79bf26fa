export { wibText } from '../../core/wib';

/** Text for HTML: every value that did not come from this file goes through here. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f5f7fa}
header{background:#0b4f8a;color:#fff;padding:12px 16px}header nav{display:flex;flex-wrap:wrap;gap:4px 16px}header a{color:#fff;text-decoration:none;font-weight:600}
main{max-width:720px;margin:0 auto;padding:16px}h1{font-size:1.5rem;margin:8px 0 16px}h2{font-size:1.15rem;margin:24px 0 8px}
.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px;margin-bottom:16px}
label{display:block;font-weight:600;margin:12px 0 4px}input[type=text],input[type=email],input[type=tel],select,textarea{width:100%;padding:10px;font:inherit;border:1px solid #8c959f;border-radius:6px;background:#fff;color:#1b1f24}
textarea{min-height:110px}.hint{color:#4d5660;font-size:.9rem;margin:4px 0 0}.check{display:flex;gap:8px;align-items:flex-start;margin-top:12px}.check input{margin-top:5px}
button{background:#0b4f8a;color:#fff;border:0;border-radius:6px;padding:12px 18px;font:inherit;font-weight:600;margin-top:16px;cursor:pointer}
button:focus,input:focus,select:focus,textarea:focus,a:focus{outline:3px solid #f0b400;outline-offset:2px}
.error{background:#fdecea;border:1px solid #b3261e;color:#7a1a14;padding:12px;border-radius:6px;margin-bottom:16px}
.ok{background:#e6f4ea;border:1px solid #1e7e34;color:#124d20;padding:12px;border-radius:6px;margin-bottom:16px}
.notice{background:#fff4e5;border:1px solid #a15c00;color:#5c3500;padding:12px;border-radius:6px;margin-bottom:16px}
.code{font:700 1.6rem ui-monospace,Menlo,Consolas,monospace;letter-spacing:.05em;background:#eef2f6;padding:8px 12px;border-radius:6px;display:inline-block}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}dt{color:#4d5660}dd{margin:0}
ol.timeline{list-style:none;padding:0;margin:0}ol.timeline li{border-left:3px solid #0b4f8a;padding:4px 0 12px 12px}ol.timeline .when{color:#4d5660;font-size:.9rem}
fieldset{border:1px solid #d0d7de;margin:16px 0;border-radius:6px}legend{padding:0 4px;font-weight:600}[hidden]{display:none!important}
input[type=file]{display:block;width:100%;padding:8px 0;font:inherit}button.secondary{background:#fff;color:#0b4f8a;border:2px solid #0b4f8a;padding:10px 16px}
.map{position:relative;height:260px;overflow:hidden;border:1px solid #8c959f;border-radius:6px;margin-top:12px;background:#e8ecef}
.map .tiles{position:absolute;inset:0;touch-action:none;cursor:crosshair}.map .tiles img{position:absolute;width:256px;height:256px;max-width:none;user-select:none}
.map .pin{position:absolute;width:18px;height:18px;margin:-9px 0 0 -9px;border-radius:50%;background:#b3261e;border:3px solid #fff;box-shadow:0 0 0 1px #1b1f24;pointer-events:none}
.map .zoom{position:absolute;top:8px;right:8px;display:flex;flex-direction:column;gap:4px}.map .zoom button{margin:0;padding:4px 12px;font-size:1.2rem;line-height:1.2}
.map .attr{position:absolute;right:0;bottom:0;background:#fff;color:#1b1f24;font-size:.75rem;padding:1px 4px}.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}footer{text-align:center;color:#4d5660;font-size:.9rem;padding:24px}
`;

/**
 * One public page: Bahasa Indonesia, readable on a small phone, working without scripts. `head`
 * is for the few pages that add a small script of their own (by its hashed path, deferred).
 */
export function page(title: string, body: string, head = ''): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} · Pengaduan Kota Magelang</title><meta name="description" content="Sampaikan dan lacak pengaduan layanan publik Kota Magelang.">
<style>${STYLE}</style>${head}</head><body><header><nav aria-label="Menu utama"><a href="/">Beranda</a><a href="/lapor">Lapor</a><a href="/lacak">Lacak</a><a href="/daftar">Daftar</a><a href="/statistik">Statistik</a><a href="/survei">Survei</a><a href="/program">Program</a><a href="/pos-layanan">Pos layanan</a><a href="/standar-pelayanan">Standar pelayanan</a><a href="/admin/">Masuk petugas</a></nav></header>
<main id="isi">${body}</main><footer>Pengelolaan pengaduan pelayanan publik (SP4N-LAPOR!)</footer></body></html>`;
}
