/** The nine SKM elements of PermenPAN-RB 14/2017, in order (U1–U9). */
export const IKM_ELEMENTS = [
  'Persyaratan',
  'Sistem, Mekanisme dan Prosedur',
  'Waktu Penyelesaian',
  'Biaya/Tarif',
  'Produk Spesifikasi Jenis Pelayanan',
  'Kompetensi Pelaksana',
  'Perilaku Pelaksana',
  'Sarana dan Prasarana',
  'Penanganan Pengaduan, Saran dan Masukan',
] as const;

export interface IkmResult {
  responses: number;
  elementMeans: number[];
  /** Mean of the element means, 1–4. */
  index: number | null;
  /** index × 25, 25–100, two decimals. */
  ikm: number | null;
  grade: 'A' | 'B' | 'C' | 'D' | null;
  gradeLabel: string | null;
}

const BANDS: [number, IkmResult['grade'], string][] = [
  [88.31, 'A', 'Sangat Baik'],
  [76.61, 'B', 'Baik'],
  [65.0, 'C', 'Kurang Baik'],
  [25.0, 'D', 'Tidak Baik'],
];

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export function validAnswers(answers: readonly number[]): string | null {
  if (answers.length !== IKM_ELEMENTS.length) return `give exactly ${IKM_ELEMENTS.length} answers (U1–U9)`;
  const bad = answers.findIndex((a) => !Number.isInteger(a) || a < 1 || a > 4);
  return bad >= 0 ? `answer ${bad + 1} must be 1, 2, 3 or 4` : null;
}

/** IKM = (Σ element mean × 1/9) × 25, graded A–D by the regulation's bands. */
export function computeIkm(sheets: readonly (readonly number[])[]): IkmResult {
  if (!sheets.length) return { responses: 0, elementMeans: [], index: null, ikm: null, grade: null, gradeLabel: null };
  const elementMeans = IKM_ELEMENTS.map((_, i) => sheets.reduce((sum, s) => sum + s[i], 0) / sheets.length);
  const index = elementMeans.reduce((a, b) => a + b, 0) / elementMeans.length;
  const ikm = round(index * 25, 2);
  const band = BANDS.find(([min]) => ikm >= min) ?? BANDS[BANDS.length - 1];
  return { responses: sheets.length, elementMeans: elementMeans.map((m) => round(m, 3)), index: round(index, 3), ikm, grade: band[1], gradeLabel: band[2] };
}
