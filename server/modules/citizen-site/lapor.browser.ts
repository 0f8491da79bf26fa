/**
 * The Lapor page's progressive enhancement, run in the visitor's browser: "Gunakan lokasi saya"
 * and, when a tile server is configured, a small map to tap the point on. It is sent as the text
 * of this function (Function.prototype.toString, see lapor-script.ts), so it may use nothing
 * outside itself. Without it the latitude and longitude fields are typed by hand.
 */
export function laporEnhance(): void {
  const lat = document.getElementById('latitude') as HTMLInputElement | null;
  const lon = document.getElementById('longitude') as HTMLInputElement | null;
  if (!lat || !lon) return;
  const status = document.getElementById('lokasi-status');
  const say = (text: string) => {
    if (status) status.textContent = text;
  };
  const read = (field: HTMLInputElement): number | null => {
    const v = field.value.trim().replace(',', '.');
    return v && Number.isFinite(Number(v)) ? Number(v) : null;
  };
  let follow: (() => void) | null = null;
  const setPoint = (la: number, lo: number) => {
    lat.value = la.toFixed(6);
    lon.value = (((((lo + 180) % 360) + 360) % 360) - 180).toFixed(6);
    follow?.();
  };

  const locate = document.getElementById('lokasi-saya') as HTMLButtonElement | null;
  if (locate && 'geolocation' in navigator) {
    locate.hidden = false;
    locate.addEventListener('click', () => {
      say('Mencari lokasi Anda…');
      navigator.geolocation.getCurrentPosition(
        (p) => {
          setPoint(p.coords.latitude, p.coords.longitude);
          say(`Titik terisi dari lokasi Anda (ketelitian sekitar ${Math.round(p.coords.accuracy)} m). Periksa sebelum mengirim.`);
        },
        (e) =>
          say(
            e.code === 1 ? 'Izin lokasi ditolak. Ketik titiknya atau pilih di peta.' : 'Lokasi Anda tidak dapat ditentukan. Ketik titiknya atau pilih di peta.',
          ),
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
      );
    });
  }

  const map = document.getElementById('peta');
  const template = map?.dataset.tiles;
  const layer = map?.querySelector<HTMLElement>('.tiles');
  const pin = map?.querySelector<HTMLElement>('.pin');
  if (!map || !template || !layer || !pin) return;
  map.hidden = false;
  const TILE = 256;
  const size = (z: number) => TILE * 2 ** z;
  // Web Mercator, as every slippy-map tile server draws.
  const project = (la: number, lo: number, z: number): [number, number] => {
    const s = Math.sin((Math.max(-85, Math.min(85, la)) * Math.PI) / 180);
    return [((lo + 180) / 360) * size(z), (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * size(z)];
  };
  const unproject = (x: number, y: number, z: number): [number, number] => {
    const n = Math.PI - (2 * Math.PI * y) / size(z);
    return [(180 / Math.PI) * Math.atan(Math.sinh(n)), (x / size(z)) * 360 - 180];
  };
  let zoom = Number(map.dataset.zoom) || 15;
  const [la0, lo0] = (map.dataset.center ?? '0,0').split(',').map(Number);
  const given = (): [number, number] | null => {
    const la = read(lat);
    const lo = read(lon);
    return la != null && lo != null && Math.abs(la) <= 90 && Math.abs(lo) <= 180 ? [la, lo] : null;
  };
  const [startLa, startLo] = given() ?? [la0, lo0];
  let [cx, cy] = project(startLa, startLo, zoom);

  const draw = () => {
    const w = map.clientWidth;
    const h = map.clientHeight;
    const left = cx - w / 2;
    const top = cy - h / 2;
    const n = 2 ** zoom;
    const tiles: HTMLImageElement[] = [];
    for (let ty = Math.floor(top / TILE); ty * TILE < top + h; ty++) {
      if (ty < 0 || ty >= n) continue;
      for (let tx = Math.floor(left / TILE); tx * TILE < left + w; tx++) {
        const img = document.createElement('img');
        img.alt = '';
        img.draggable = false;
        img.src = template
          .replace('{z}', String(zoom))
          .replace('{x}', String(((tx % n) + n) % n))
          .replace('{y}', String(ty))
          .replace('{s}', 'a');
        img.style.left = `${tx * TILE - left}px`;
        img.style.top = `${ty * TILE - top}px`;
        tiles.push(img);
      }
    }
    layer.replaceChildren(...tiles);
    const point = given();
    pin.hidden = !point;
    if (point) {
      const [px, py] = project(point[0], point[1], zoom);
      pin.style.left = `${px - left}px`;
      pin.style.top = `${py - top}px`;
    }
  };
  follow = () => {
    const point = given();
    if (point) [cx, cy] = project(point[0], point[1], zoom);
    draw();
  };

  map.querySelectorAll<HTMLButtonElement>('button[data-zoom]').forEach((b) =>
    b.addEventListener('click', () => {
      const next = Math.max(3, Math.min(19, zoom + Number(b.dataset.zoom)));
      const f = 2 ** (next - zoom);
      cx *= f;
      cy *= f;
      zoom = next;
      draw();
    }),
  );
  // A drag moves the map; a tap (moving less than a finger's wobble) picks the point.
  let down: { x: number; y: number; cx: number; cy: number; moved: boolean } | null = null;
  layer.addEventListener('pointerdown', (e) => {
    down = { x: e.clientX, y: e.clientY, cx, cy, moved: false };
    layer.setPointerCapture(e.pointerId);
  });
  layer.addEventListener('pointermove', (e) => {
    if (!down) return;
    const dx = e.clientX - down.x;
    const dy = e.clientY - down.y;
    if (Math.abs(dx) + Math.abs(dy) > 6) down.moved = true;
    if (!down.moved) return;
    cx = down.cx - dx;
    cy = down.cy - dy;
    draw();
  });
  layer.addEventListener('pointerup', (e) => {
    if (down && !down.moved) {
      const r = layer.getBoundingClientRect();
      const [la, lo] = unproject(cx - r.width / 2 + (e.clientX - r.left), cy - r.height / 2 + (e.clientY - r.top), zoom);
      lat.value = la.toFixed(6);
      lon.value = (((((lo + 180) % 360) + 360) % 360) - 180).toFixed(6);
      draw();
      say(`Titik dipilih di peta: ${lat.value}, ${lon.value}.`);
    }
    down = null;
  });
  for (const field of [lat, lon]) field.addEventListener('change', follow);
  window.addEventListener('resize', draw);
  draw();
}
