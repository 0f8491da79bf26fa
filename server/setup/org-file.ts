import fs from 'node:fs';
import { z } from 'zod';
import { HolidayKind } from '../modules/holidays/holiday.entity';
import { OpdKind } from '../modules/opds/opd-kind';
import { CODE_MESSAGE, CODE_PATTERN } from '../modules/opds/opd.inputs';
import { SlaCalendarKind, SlaUnitKind } from '../modules/sla/sla-policy.entity';
import { withExplicitUnits } from '../modules/sla/working-calendar';

/**
 * A city's organisation as a file (deploy/org/*.json): the Opd tree with Kemendagri region codes,
 * SLA policies, categories, holidays and service posts. Every entry has a natural key (a code, or
 * a holiday's date) and references others by code, so the same file loads into any database.
 */
export const ORG_FORMAT = 'lapor-org/1';

const code = z.string().max(40).regex(CODE_PATTERN, CODE_MESSAGE);
const name = z.string().trim().min(2, 'must have at least 2 characters').max(200);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (00:00–23:59, WIB)');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'is not a real calendar date');

const slaPolicy = z
  .strictObject({
    code,
    name,
    calendar: z.enum(SlaCalendarKind).default(SlaCalendarKind.WORKING_DAYS),
    verifyWithin: z.int().min(1).max(1000),
    verifyUnit: z.enum(SlaUnitKind),
    respondWithin: z.int().min(1).max(1000),
    respondUnit: z.enum(SlaUnitKind),
    followUpWithin: z.int().min(1).max(1000).default(5),
    followUpUnit: z.enum(SlaUnitKind).default(SlaUnitKind.WORKING_DAYS),
    settleWithin: z.int().min(1).max(1000).default(60),
    settleUnit: z.enum(SlaUnitKind).default(SlaUnitKind.CALENDAR_DAYS),
    autoCloseAfterDays: z.int().min(1).max(365).default(10),
    isDefault: z.boolean().default(false),
  })
  // Files written for the older units load as what those units meant.
  .transform((p) => withExplicitUnits(p) as typeof p);

const opd = z.strictObject({
  code,
  name,
  kind: z.enum(OpdKind),
  parent: code.nullable().default(null),
  regionCode: z
    .string()
    .regex(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/, 'must be a Kemendagri code like 33.71.03 or 33.71.03.1001')
    .nullable()
    .default(null),
  active: z.boolean().default(true),
});

const category = z.strictObject({
  code,
  name,
  description: z.string().max(2000).default(''),
  defaultOpd: code.nullable().default(null),
  slaPolicy: code.nullable().default(null),
  active: z.boolean().default(true),
});

const holiday = z.strictObject({ date: isoDate, name, kind: z.enum(HolidayKind) });

const slot = z.strictObject({ weekday: z.int().min(1).max(7), opensAt: hhmm, closesAt: hhmm }).refine((s) => s.closesAt > s.opensAt, {
  message: 'must close after it opens',
  path: ['closesAt'],
});

const servicePost = z.strictObject({
  code,
  name,
  kelurahan: code,
  rw: z
    .string()
    .regex(/^\d{1,3}$/, 'must be an RW number such as 03')
    .transform((rw) => rw.padStart(2, '0')),
  address: z.string().max(300).default(''),
  schedule: z.array(slot).default([]),
  active: z.boolean().default(true),
});

export const orgFileSchema = z.strictObject({
  format: z.literal(ORG_FORMAT),
  name: z.string().optional(),
  /** Free text: where the data comes from. */
  notes: z.union([z.string(), z.array(z.string())]).optional(),
  slaPolicies: z.array(slaPolicy).default([]),
  opds: z.array(opd).default([]),
  categories: z.array(category).default([]),
  holidays: z.array(holiday).default([]),
  servicePosts: z.array(servicePost).default([]),
});

export type OrgFile = z.output<typeof orgFileSchema>;
export type OrgOpd = OrgFile['opds'][number];

export class OrgFileError extends Error {}

/** "opds[3] (KEL-CACABAN).regionCode" — the entry by position and key, then the field. */
function where(data: unknown, path: PropertyKey[]): string {
  let out = '';
  let node: unknown = data;
  for (const [depth, key] of path.entries()) {
    if (typeof key === 'number') {
      out += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      const entry = node as { code?: unknown; date?: unknown } | undefined;
      const id = entry && typeof entry === 'object' ? (entry.code ?? entry.date) : undefined;
      if (typeof id === 'string' && depth === 1) out += ` (${id})`;
    } else {
      out += out ? `.${String(key)}` : String(key);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key as string] : undefined;
    }
  }
  return out || '(file)';
}

/** Parses and checks one file's own consistency (shape, duplicates, one default policy); references to the database are checked by the loader. */
export function parseOrgFile(text: string, source = 'organisation file'): OrgFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new OrgFileError(`${source} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = orgFileSchema.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 20).map((i) => `  ${where(data, i.path)}: ${i.message}`);
    throw new OrgFileError(`${source} is invalid:\n${lines.join('\n')}`);
  }
  const org = parsed.data;
  const problems: string[] = [];
  const unique = <T>(list: T[], kind: string, key: (e: T) => string, label: string) => {
    const seen = new Map<string, number>();
    list.forEach((e, i) => {
      const k = key(e);
      if (seen.has(k)) problems.push(`  ${kind}[${i}] (${k}).${label}: duplicates ${kind}[${seen.get(k)}]`);
      else seen.set(k, i);
    });
  };
  unique(org.slaPolicies, 'slaPolicies', (e) => e.code, 'code');
  unique(org.opds, 'opds', (e) => e.code, 'code');
  unique(
    org.opds.filter((o) => o.regionCode),
    'opds',
    (e) => e.regionCode!,
    'regionCode',
  );
  unique(org.categories, 'categories', (e) => e.code, 'code');
  unique(org.holidays, 'holidays', (e) => e.date, 'date');
  unique(org.servicePosts, 'servicePosts', (e) => e.code, 'code');
  const defaults = org.slaPolicies.filter((p) => p.isDefault);
  if (defaults.length > 1) problems.push(`  slaPolicies: ${defaults.map((p) => p.code).join(', ')} are all isDefault; at most one may be`);
  org.opds.forEach((o, i) => {
    if (o.regionCode && ![OpdKind.PEMDA, OpdKind.KECAMATAN, OpdKind.KELURAHAN].includes(o.kind)) {
      problems.push(`  opds[${i}] (${o.code}).regionCode: only the city (PEMDA), a kecamatan or a kelurahan has a region code`);
    }
    if ((o.parent === null) !== (o.kind === OpdKind.PEMDA)) {
      problems.push(
        `  opds[${i}] (${o.code}).parent: ${o.kind === OpdKind.PEMDA ? 'the city government (PEMDA) has no parent' : 'is required (only PEMDA has none)'}`,
      );
    }
    if (o.parent === o.code) problems.push(`  opds[${i}] (${o.code}).parent: an Opd cannot be its own parent`);
  });
  if (problems.length) throw new OrgFileError(`${source} is invalid:\n${problems.slice(0, 20).join('\n')}`);
  return org;
}

export function readOrgFile(file: string): OrgFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new OrgFileError(`cannot read ${file}: ${(err as Error).message}`);
  }
  return parseOrgFile(text, file);
}
