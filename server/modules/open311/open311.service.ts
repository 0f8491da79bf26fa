import { validate } from 'class-validator';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { Category } from '../categories/category.entity';
import { Complaint } from '../complaints/complaint.entity';
import { ComplaintStatus, ComplaintType } from '../complaints/complaint.enums';
import { ComplaintInput } from '../complaints/complaint.inputs';

/** GeoReport v2 calls a request closed when it needs nothing more; everything else is open. */
const CLOSED: readonly ComplaintStatus[] = [ComplaintStatus.CLOSED, ComplaintStatus.REJECTED, ComplaintStatus.ARCHIVED, ComplaintStatus.MERGED];
const MAX_RESULTS = 1000;
const DEFAULT_WINDOW_DAYS = 90;

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string;
  address: string;
  address_id: string;
  zipcode: string;
  lat?: number;
  long?: number;
  media_url: string;
}

/** A refusal in the spec's error format: `[{ code, description }]` with the same HTTP status. */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function listServices(ctx: Context): Promise<Open311Service[]> {
  const rows = await ctx.db.getRepository(Category).find({ where: { active: true }, order: { code: 'ASC' } });
  // Our categories carry no attributes of their own, so none needs a service definition (metadata false).
  return rows.map((c) => ({
    service_code: c.code,
    service_name: c.name,
    description: c.description,
    metadata: false,
    type: 'realtime',
    keywords: '',
    group: '',
  }));
}

function timestamp(value: unknown, name: string): Date {
  const d = new Date(String(value));
  if (!/^\d{4}-\d{2}-\d{2}/.test(String(value)) || Number.isNaN(d.getTime()))
    throw new Open311Error(400, `${name} must be a W3C date-time such as 2026-12-01T00:00:00+07:00`);
  return d;
}

const list = (value: unknown): string[] =>
  String(value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * GET requests with the spec's filters: ids (then nothing else applies), service codes,
 * start/end dates (by default the last 90 days) and open/closed; at most 1000, newest first.
 * Never a confidential complaint.
 */
export async function findRequests(ctx: Context, q: Record<string, unknown>, base: string): Promise<Open311Request[]> {
  const qb = ctx.db.getRepository(Complaint).createQueryBuilder('c').where('NOT c.confidential');
  const ids = list(q.service_request_id).map((s) => s.toUpperCase());
  if (ids.length) {
    if (ids.length > MAX_RESULTS) throw new Open311Error(400, `service_request_id may list at most ${MAX_RESULTS} ids`);
    qb.andWhere('c."trackingCode" = ANY(:ids)', { ids });
  } else {
    const end = q.end_date ? timestamp(q.end_date, 'end_date') : null;
    const start = q.start_date ? timestamp(q.start_date, 'start_date') : new Date((end ?? new Date()).getTime() - DEFAULT_WINDOW_DAYS * 86400_000);
    if (end && start > end) throw new Open311Error(400, 'start_date must be before end_date');
    qb.andWhere('c."createdAt" >= :start', { start });
    if (end) qb.andWhere('c."createdAt" <= :end', { end });
    const codes = list(q.service_code);
    if (codes.length) qb.innerJoin(Category, 'cat', 'cat.id = c."categoryId"').andWhere('cat.code = ANY(:codes)', { codes });
    const statuses = list(q.status).map((s) => s.toLowerCase());
    for (const s of statuses) if (s !== 'open' && s !== 'closed') throw new Open311Error(400, 'status must be open, closed or both (comma-separated)');
    if (statuses.length === 1) qb.andWhere(`c.status ${statuses[0] === 'closed' ? '' : 'NOT '}IN (:...closed)`, { closed: CLOSED });
  }
  const rows = await qb.orderBy('c.createdAt', 'DESC').limit(MAX_RESULTS).getMany();
  return Promise.all(rows.map((c) => requestOf(ctx, c, base)));
}

/** `base`: this server's origin as the caller reached it, for the absolute media_url. */
export async function findRequest(ctx: Context, id: string, base: string): Promise<Open311Request> {
  const [found] = await findRequests(ctx, { service_request_id: id.includes(',') ? '' : id }, base);
  if (!found || !id) throw new Open311Error(404, `no service request ${id}`);
  return found;
}

/** What the public timeline says: its last message, and the unit now holding the complaint. */
async function requestOf(ctx: Context, c: Complaint, base: string): Promise<Open311Request> {
  const events = (await ctx.loaders.eventsByComplaint.load(c.id)).filter((e) => e.public);
  const lastNote = [...events].reverse().find((e) => e.message)?.message ?? '';
  const unitId = c.currentOpdId ?? c.intakeOpdId;
  const category = c.categoryId ? await ctx.loaders.category.load(c.categoryId) : null;
  const due = c.settleDueAt ?? c.responseDueAt;
  // The first photo staff made public, on a URL of its own; never one of a confidential or anonymous complaint.
  const media = ctx.services.attachments.mediaPath(c, await ctx.loaders.attachmentsByComplaint.load(c.id));
  return {
    service_request_id: c.trackingCode,
    status: CLOSED.includes(c.status) ? 'closed' : 'open',
    status_notes: lastNote,
    service_name: category?.name ?? '',
    service_code: category?.code ?? '',
    // The title, never the description: what the reporter wrote may name people.
    description: c.title,
    agency_responsible: (await ctx.loaders.opd.load(unitId))?.name ?? '',
    service_notice: '',
    requested_datetime: c.createdAt.toISOString(),
    updated_datetime: c.updatedAt.toISOString(),
    expected_datetime: due ? due.toISOString() : '',
    // An anonymous reporter's location may well be their home.
    address: c.anonymous ? '' : (c.address ?? ''),
    address_id: '',
    zipcode: '',
    ...(c.latitude != null && c.longitude != null && !c.anonymous ? { lat: Number(c.latitude), long: Number(c.longitude) } : {}),
    media_url: media ? base + media : '',
  };
}

/** POST requests: the spec's fields become a submission through the one intake of ComplaintService. */
export async function createRequest(
  ctx: Context,
  body: Record<string, unknown>,
): Promise<{ service_request_id: string; service_notice: string; account_id: string }> {
  const str = (k: string) => (typeof body[k] === 'string' && (body[k] as string).trim() ? (body[k] as string).trim() : null);
  const code = str('service_code');
  if (!code) throw new Open311Error(400, 'service_code is required');
  const category = await ctx.db.getRepository(Category).findOneBy({ code, active: true });
  if (!category) throw new Open311Error(404, `service_code ${code} not found`);
  const description = str('description');
  if (!description || description.length < 10) throw new Open311Error(400, 'description is required (at least 10 characters)');
  const lat = str('lat');
  const long = str('long');
  if (!str('address_string') && !str('address_id') && (lat == null || long == null)) {
    throw new Open311Error(400, 'a location is required: lat and long, or address_string');
  }
  const name = [str('first_name'), str('last_name')].filter(Boolean).join(' ') || null;
  const firstLine = description.split('\n')[0];
  const input = Object.assign(new ComplaintInput(), {
    type: ComplaintType.COMPLAINT,
    title: `${category.name}: ${firstLine.length > 150 ? `${firstLine.slice(0, 147)}...` : firstLine}`.slice(0, 200),
    description,
    categoryId: String(category.id),
    address: str('address_string'),
    latitude: lat != null ? Number(lat) : null,
    longitude: long != null ? Number(long) : null,
    reporterName: name,
    reporterEmail: str('email'),
    reporterPhone: str('phone'),
    // The spec has no contact-free submission; a device or account id stands in for the way back to the app.
    reporterAddress: str('email') || str('phone') ? null : `Open311 ${str('account_id') ?? str('device_id') ?? 'app'}`,
    anonymous: false,
    confidential: false,
  });
  const problems = await validate(input, { forbidUnknownValues: false });
  if (problems.length) {
    const spec: Record<string, string> = {
      latitude: 'lat',
      longitude: 'long',
      reporterEmail: 'email',
      reporterPhone: 'phone',
      address: 'address_string',
      reporterName: 'first_name',
    };
    throw new Open311Error(400, problems.map((p) => `${spec[p.property] ?? p.property}: ${Object.values(p.constraints ?? {}).join(', ')}`).join('; '));
  }
  try {
    const r = await ctx.services.complaints.submit(ctx, input, null);
    return { service_request_id: r.trackingCode, service_notice: '', account_id: str('account_id') ?? '' };
  } catch (err) {
    if (err instanceof AppError) throw new Open311Error(err.extensions.code === 'FORBIDDEN' ? 403 : 400, err.message);
    throw err;
  }
}
