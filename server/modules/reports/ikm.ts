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
  return ikmFromMeans(
    sheets.length,
    IKM_ELEMENTS.map((_, i) => sheets.reduce((sum, s) => sum + s[i], 0) / (sheets.length || 1)),
  );
}

export function ikmFromMeans(responses: number, means: readonly number[]): IkmResult {
  if (!responses) return { responses: 0, elementMeans: [], index: null, ikm: null, grade: null, gradeLabel: null };
  const index = means.reduce((a, b) => a + b, 0) / means.length;
  const ikm = round(index * 25, 2);
  const band = BANDS.find(([min]) => ikm >= min) ?? BANDS[BANDS.length - 1];
  return { responses, elementMeans: means.map((m) => round(m, 3)), index: round(index, 3), ikm, grade: band[1], gradeLabel: band[2] };
}

/**
 * Each unit's IKM with the element means averaged in the database, so a page or report never
 * reads the survey sheets themselves. `from`/`to` bound the submission time when given.
 */
export async function ikmByOpd(
  query: (sql: string, params: unknown[]) => Promise<unknown>,
  filter: { opdId?: number; from?: Date; to?: Date } = {},
): Promise<Map<number, IkmResult>> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (filter.opdId != null) where.push(`"opdId" = $${params.push(filter.opdId)}`);
  if (filter.from) where.push(`"submittedAt" >= $${params.push(filter.from)}`);
  if (filter.to) where.push(`"submittedAt" < $${params.push(filter.to)}`);
  const means = IKM_ELEMENTS.map((_, i) => `avg(answers[${i + 1}])::float8 AS u${i + 1}`).join(', ');
  const rows = (await query(
    `SELECT "opdId" AS opd, count(*)::int AS n, ${means} FROM survey_response ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY 1`,
    params,
  )) as Record<string, number>[];
  return new Map(
    rows.map((r) => [
      Number(r.opd),
      ikmFromMeans(
        Number(r.n),
        IKM_ELEMENTS.map((_, i) => Number(r[`u${i + 1}`])),
      ),
    ]),
  );
}
