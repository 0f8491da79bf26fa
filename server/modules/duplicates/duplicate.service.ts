import type { DataSource } from 'typeorm';
import type { Loaders } from '../../app/loaders';
import { AppError, parseId } from '../../core/errors';
import type { Viewer } from '../../auth/viewer';
import type { Complaint } from '../complaints/complaint.entity';
import { complaintColumns, readComplaints, type PagePlan } from '../complaints/complaint.preload';
import type { ComplaintPolicy } from '../complaints/complaint.policy';
import type { OrgDirectory } from '../opds/org-directory';

/** Why a complaint looks like a duplicate; the console names each. */
export enum DuplicateReason {
  SIMILAR_TEXT = 'SIMILAR_TEXT',
  SAME_CATEGORY = 'SAME_CATEGORY',
  SAME_KELURAHAN = 'SAME_KELURAHAN',
  NEARBY = 'NEARBY',
}

/** What is compared: a complaint being recorded, or one already recorded (`excludeId`). */
export interface Probe {
  title: string;
  description: string;
  categoryId: number | null;
  kelurahanId: number | null;
  latitude: number | null;
  longitude: number | null;
  excludeId?: number | null;
}

export interface Candidate {
  complaint: Complaint;
  score: number;
  reasons: DuplicateReason[];
  distanceMeters: number | null;
}

/** Reports this recent, about this close, are compared; older ones are rarely the same event. */
export const DUPLICATE_WINDOW_DAYS = 60;
export const NEARBY_METERS = 300;
const MIN_SCORE = 0.35;
const LIMIT = 5;

/**
 * Likely duplicates of a report: similar title or description (PostgreSQL trigram similarity,
 * over the title's trigram index), or the same category reported in the same kelurahan or
 * within NEARBY_METERS, among recent reports the viewer may read that are still meant to be handled.
 */
export class DuplicateService {
  constructor(
    private readonly db: DataSource,
    private readonly org: OrgDirectory,
    private readonly policy: ComplaintPolicy,
  ) {}

  async similar(viewer: Viewer, probe: Probe, reader: { loaders: Loaders; plan: PagePlan }, now = new Date()): Promise<Candidate[]> {
    await this.org.ready();
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    const t = p(probe.title.trim());
    const d = p(probe.description.trim().slice(0, 1000));
    const cat = p(probe.categoryId);
    const kel = p(probe.kelurahanId);
    const lat = p(probe.latitude);
    const lon = p(probe.longitude);
    const dist = `CASE WHEN ${lat}::float8 IS NULL OR c.latitude IS NULL THEN NULL ELSE 12742000 * asin(sqrt(
        power(sin(radians(c.latitude::float8 - ${lat}::float8) / 2), 2)
      + cos(radians(${lat}::float8)) * cos(radians(c.latitude::float8)) * power(sin(radians(c.longitude::float8 - ${lon}::float8) / 2), 2))) END`;
    const where = [
      `c."createdAt" >= ${p(new Date(now.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000))}`,
      `c.status NOT IN ('REJECTED','ARCHIVED','MERGED')`,
      `c.id <> ${p(probe.excludeId ?? 0)}`,
      // Similar words (the title's trigram index), or the same category in the same place (about 550 m around).
      `(c.title % ${t} OR (c."categoryId" = ${cat}::int AND (c."kelurahanId" = ${kel}::int OR (c.latitude BETWEEN ${lat}::numeric - 0.005 AND ${lat}::numeric + 0.005 AND c.longitude BETWEEN ${lon}::numeric - 0.005 AND ${lon}::numeric + 0.005))))`,
    ];
    const scope = this.policy.scopeSql(viewer, params);
    if (scope) where.push(scope);
    const rows: { id: number; title_sim: number; text_sim: number; same_cat: boolean; same_kel: boolean; dist: number | null }[] = await this.db.query(
      `SELECT c.id, similarity(c.title, ${t}) AS title_sim, similarity(left(c.description, 1000), ${d}) AS text_sim,
              coalesce(c."categoryId" = ${cat}::int, false) AS same_cat, coalesce(c."kelurahanId" = ${kel}::int, false) AS same_kel,
              ${dist} AS dist
         FROM complaint c WHERE ${where.join(' AND ')}
        ORDER BY similarity(c.title, ${t}) DESC, c."createdAt" DESC LIMIT 200`,
      params,
    );
    const scored = rows
      .map((r) => {
        const nearby = r.dist != null && r.dist <= NEARBY_METERS;
        const text = Math.max(Number(r.title_sim), Number(r.text_sim));
        const place = r.same_kel || nearby;
        // Text decides; the same category in the same place counts for as much as fairly similar words.
        const score = Math.min(1, 0.7 * text + (r.same_cat ? 0.15 : 0) + (place ? 0.15 : 0) + (r.same_cat && place ? 0.1 : 0));
        const reasons = [
          ...(text >= 0.3 ? [DuplicateReason.SIMILAR_TEXT] : []),
          ...(r.same_cat ? [DuplicateReason.SAME_CATEGORY] : []),
          ...(r.same_kel ? [DuplicateReason.SAME_KELURAHAN] : []),
          ...(nearby ? [DuplicateReason.NEARBY] : []),
        ];
        return { id: Number(r.id), score: Math.round(score * 100) / 100, reasons, distanceMeters: r.dist == null ? null : Math.round(Number(r.dist)) };
      })
      .filter((r) => r.score >= MIN_SCORE)
      .sort((a, b) => b.score - a.score || b.id - a.id)
      .slice(0, LIMIT);
    if (scored.length === 0) return [];
    const { items } = await readComplaints(
      this.db,
      reader.loaders,
      { sql: `SELECT ${complaintColumns(this.db, reader.plan)} FROM complaint c WHERE c.id = ANY($1::int[])`, params: [scored.map((s) => s.id)] },
      reader.plan,
    );
    const byId = new Map(items.map((c) => [Number(c.id), c]));
    return scored.filter((s) => byId.has(s.id)).map((s) => ({ ...s, complaint: byId.get(s.id)! }));
  }

  /** The probe for a recorded complaint: its own texts and place, itself left out. */
  async probeOf(id: number): Promise<Probe> {
    const [row] = await this.db.query('SELECT id, title, description, "categoryId", "kelurahanId", latitude, longitude FROM complaint WHERE id = $1', [
      parseId(id),
    ]);
    if (!row) throw AppError.notFound('Complaint', id);
    const num = (v: unknown) => (v == null ? null : Number(v));
    return {
      title: row.title,
      description: row.description,
      categoryId: row.categoryId,
      kelurahanId: row.kelurahanId,
      latitude: num(row.latitude),
      longitude: num(row.longitude),
      excludeId: row.id,
    };
  }
}
