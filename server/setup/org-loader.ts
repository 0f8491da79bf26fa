import type { DataSource, EntityManager } from 'typeorm';
import { Category } from '../modules/categories/category.entity';
import { Holiday } from '../modules/holidays/holiday.entity';
import { Opd } from '../modules/opds/opd.entity';
import { OpdKind } from '../modules/opds/opd-kind';
import { refreshPaths } from '../modules/opds/opd.service';
import { ServicePost } from '../modules/service-posts/service-post.entity';
import { SLA_POLICY_SETTINGS, SlaPolicy } from '../modules/sla/sla-policy.entity';
import { auditedTables, systemActor, type AuditActor } from '../modules/audit/audit.trail';
import { OrgFileError, type OrgFile, type OrgOpd } from './org-file';

export const ORG_KINDS = ['slaPolicies', 'opds', 'categories', 'holidays', 'servicePosts'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface KindPlan {
  create: string[];
  update: { key: string; changes: FieldChange[] }[];
  unchanged: number;
  /** In the database but not in the file: reported, never deleted. */
  notInFile: string[];
}

export type OrgPlan = Record<OrgKind, KindPlan>;

export function planHasChanges(plan: OrgPlan): boolean {
  return ORG_KINDS.some((k) => plan[k].create.length > 0 || plan[k].update.length > 0);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function diff<T extends object>(current: T, wanted: T, fields: (keyof T & string)[]): FieldChange[] {
  return fields.filter((f) => !same(current[f], wanted[f])).map((field) => ({ field, from: current[field], to: wanted[field] }));
}

interface Snapshot {
  sla: Map<string, SlaPolicy>;
  opds: Map<string, Opd>;
  opdCodeById: Map<number, string>;
  categories: Map<string, Category>;
  holidays: Map<string, Holiday>;
  posts: Map<string, ServicePost>;
}

async function snapshot(em: EntityManager | null): Promise<Snapshot> {
  if (!em) return { sla: new Map(), opds: new Map(), opdCodeById: new Map(), categories: new Map(), holidays: new Map(), posts: new Map() };
  const opdRows = await em.getRepository(Opd).find({ order: { id: 'ASC' } });
  return {
    sla: new Map((await em.getRepository(SlaPolicy).find({ order: { id: 'ASC' } })).map((r) => [r.code, r])),
    opds: new Map(opdRows.map((r) => [r.code, r])),
    opdCodeById: new Map(opdRows.map((r) => [r.id, r.code])),
    categories: new Map((await em.getRepository(Category).find({ order: { id: 'ASC' } })).map((r) => [r.code, r])),
    holidays: new Map((await em.getRepository(Holiday).find({ order: { date: 'ASC' } })).map((r) => [r.date, r])),
    posts: new Map((await em.getRepository(ServicePost).find({ order: { id: 'ASC' } })).map((r) => [r.code, r])),
  };
}

const slot = (s: { weekday: number; opensAt: string; closesAt: string }) => ({ weekday: s.weekday, opensAt: s.opensAt, closesAt: s.closesAt });

/** The file's entries as rows in the file's terms (references by code), and the database's rows the same way. */
function views(db: Snapshot) {
  const codeOf = (id: number | null) => (id == null ? null : (db.opdCodeById.get(id) ?? `#${id}`));
  const slaCodeOf = (id: number | null) => (id == null ? null : ([...db.sla.values()].find((s) => s.id === id)?.code ?? `#${id}`));
  return {
    sla: (r: SlaPolicy) => Object.fromEntries(SLA_POLICY_SETTINGS.map((k) => [k, r[k]])),
    opd: (r: Opd) => ({ code: r.code, name: r.name, kind: r.kind, parent: codeOf(r.parentId), regionCode: r.regionCode, active: r.active }),
    category: (r: Category) => ({
      code: r.code,
      name: r.name,
      description: r.description,
      defaultOpd: codeOf(r.defaultOpdId),
      slaPolicy: slaCodeOf(r.slaPolicyId),
      active: r.active,
    }),
    holiday: (r: Holiday) => ({ date: r.date, name: r.name, kind: r.kind }),
    post: (r: ServicePost) => ({
      code: r.code,
      name: r.name,
      kelurahan: codeOf(r.kelurahanId),
      rw: r.rw,
      address: r.address,
      schedule: (r.schedule ?? []).map(slot),
      active: r.active,
    }),
  };
}

function kindPlan<T, K extends string>(
  entries: T[],
  keyOf: (e: T) => K,
  current: Map<K, unknown>,
  compare: (existing: unknown, e: T) => FieldChange[],
): KindPlan {
  const plan: KindPlan = { create: [], update: [], unchanged: 0, notInFile: [] };
  for (const e of entries) {
    const key = keyOf(e);
    const existing = current.get(key);
    if (existing === undefined) plan.create.push(key);
    else {
      const changes = compare(existing, e);
      if (changes.length) plan.update.push({ key, changes });
      else plan.unchanged++;
    }
  }
  const inFile = new Set(entries.map(keyOf));
  plan.notInFile = [...current.keys()].filter((k) => !inFile.has(k));
  return plan;
}

/** References resolve (in the file or the database), the tree stays a tree with one root, service posts sit in kelurahan. */
function checkReferences(org: OrgFile, db: Snapshot): void {
  const problems: string[] = [];
  const finalOpds = new Map<string, { parent: string | null; kind: OpdKind }>();
  for (const [code, o] of db.opds) finalOpds.set(code, { parent: o.parentId == null ? null : (db.opdCodeById.get(o.parentId) ?? null), kind: o.kind });
  for (const o of org.opds) finalOpds.set(o.code, { parent: o.parent, kind: o.kind });
  const slaCodes = new Set([...db.sla.keys(), ...org.slaPolicies.map((p) => p.code)]);

  org.opds.forEach((o, i) => {
    if (o.parent && !finalOpds.has(o.parent)) problems.push(`opds[${i}] (${o.code}).parent: no Opd with code "${o.parent}" in the file or the database`);
    const seen = new Set<string>([o.code]);
    for (let at = finalOpds.get(o.code)?.parent; at; at = finalOpds.get(at)?.parent) {
      if (seen.has(at)) {
        problems.push(`opds[${i}] (${o.code}).parent: "${o.parent}" would place the Opd under itself (a cycle)`);
        break;
      }
      seen.add(at);
    }
  });
  const roots = [...finalOpds.entries()].filter(([, o]) => o.parent === null).map(([c]) => c);
  if (roots.length > 1) problems.push(`opds: there would be ${roots.length} roots (${roots.join(', ')}); an organisation has one city government (PEMDA)`);
  org.categories.forEach((c, i) => {
    if (c.defaultOpd && !finalOpds.has(c.defaultOpd)) problems.push(`categories[${i}] (${c.code}).defaultOpd: no Opd with code "${c.defaultOpd}"`);
    if (c.slaPolicy && !slaCodes.has(c.slaPolicy)) problems.push(`categories[${i}] (${c.code}).slaPolicy: no SLA policy with code "${c.slaPolicy}"`);
  });
  org.servicePosts.forEach((p, i) => {
    const k = finalOpds.get(p.kelurahan);
    if (!k) problems.push(`servicePosts[${i}] (${p.code}).kelurahan: no Opd with code "${p.kelurahan}"`);
    else if (k.kind !== OpdKind.KELURAHAN) problems.push(`servicePosts[${i}] (${p.code}).kelurahan: "${p.kelurahan}" is a ${k.kind}, not a KELURAHAN`);
  });
  if (problems.length) throw new OrgFileError(`the organisation file does not fit the database:\n${problems.map((p) => `  ${p}`).join('\n')}`);
}

function buildPlan(org: OrgFile, db: Snapshot): OrgPlan {
  const v = views(db);
  const fileDefault = org.slaPolicies.find((p) => p.isDefault)?.code;
  const sla = kindPlan(
    org.slaPolicies,
    (p) => p.code,
    db.sla,
    (r, p) =>
      diff(
        v.sla(r as SlaPolicy),
        { ...p },
        SLA_POLICY_SETTINGS.filter((k) => k !== 'code'),
      ),
  );
  // One default policy: naming a new default in the file demotes the old one, which is reported too.
  if (fileDefault) {
    for (const code of sla.notInFile) {
      if (db.sla.get(code)!.isDefault) sla.update.push({ key: code, changes: [{ field: 'isDefault', from: true, to: false }] });
    }
  }
  return {
    slaPolicies: sla,
    opds: kindPlan(
      org.opds,
      (o) => o.code,
      db.opds,
      (r, o) => diff(v.opd(r as Opd), { ...o }, ['name', 'kind', 'parent', 'regionCode', 'active']),
    ),
    categories: kindPlan(
      org.categories,
      (c) => c.code,
      db.categories,
      (r, c) => diff(v.category(r as Category), { ...c }, ['name', 'description', 'defaultOpd', 'slaPolicy', 'active']),
    ),
    holidays: kindPlan(
      org.holidays,
      (h) => h.date,
      db.holidays,
      (r, h) => diff(v.holiday(r as Holiday), { ...h }, ['name', 'kind']),
    ),
    servicePosts: kindPlan(
      org.servicePosts,
      (p) => p.code,
      db.posts,
      (r, p) => diff(v.post(r as ServicePost), { ...p, schedule: p.schedule.map(slot) }, ['name', 'kelurahan', 'rw', 'address', 'schedule', 'active']),
    ),
  };
}

/**
 * What loading `org` would change, without changing anything (`em` null: into a database not created yet).
 * Throws OrgFileError naming the entry when a reference does not resolve.
 */
export async function planOrg(em: EntityManager | null, org: OrgFile): Promise<OrgPlan> {
  const db = await snapshot(em);
  checkReferences(org, db);
  return buildPlan(org, db);
}

/** Parents before children, keeping the file's order otherwise (so a fresh load numbers Opds in file order). */
function treeOrder(opds: OrgOpd[]): OrgOpd[] {
  const inFile = new Map(opds.map((o) => [o.code, o]));
  const done = new Set<string>();
  const out: OrgOpd[] = [];
  const visit = (o: OrgOpd) => {
    if (done.has(o.code)) return;
    done.add(o.code);
    const parent = o.parent ? inFile.get(o.parent) : undefined;
    if (parent) visit(parent);
    out.push(o);
  };
  opds.forEach(visit);
  return out;
}

/**
 * Creates and updates everything the file says, inside the caller's transaction (`em`), and returns
 * what it changed. Rows absent from the file are left alone (listed in `notInFile`).
 */
export async function applyOrg(em: EntityManager, org: OrgFile): Promise<OrgPlan> {
  const plan = await planOrg(em, org);
  const creates = (kind: OrgKind) => new Set(plan[kind].create);
  const updates = (kind: OrgKind) => new Set(plan[kind].update.map((u) => u.key));

  const slaRepo = em.getRepository(SlaPolicy);
  const newSla = creates('slaPolicies');
  const changedSla = updates('slaPolicies');
  const fileDefault = org.slaPolicies.find((p) => p.isDefault)?.code;
  if (fileDefault && changedSla.size + newSla.size > 0)
    await em.query('UPDATE sla_policy SET "isDefault" = false WHERE code <> $1 AND "isDefault"', [fileDefault]);
  for (const p of org.slaPolicies) {
    if (newSla.has(p.code)) await slaRepo.insert({ ...p });
    else if (changedSla.has(p.code)) await slaRepo.update({ code: p.code }, { ...p });
  }

  const opdRepo = em.getRepository(Opd);
  const newOpds = creates('opds');
  const changedOpds = updates('opds');
  const idOf = async (code: string | null) => (code ? (await opdRepo.findOneByOrFail({ code })).id : null);
  for (const o of treeOrder(org.opds)) {
    if (!newOpds.has(o.code) && !changedOpds.has(o.code)) continue;
    const values = { name: o.name, kind: o.kind, parentId: await idOf(o.parent), regionCode: o.regionCode, active: o.active };
    // Read again: an ancestor's move earlier in this loop may have rewritten this Opd's path.
    const existing = newOpds.has(o.code) ? null : await opdRepo.findOneByOrFail({ code: o.code });
    const row = existing ? await opdRepo.save(opdRepo.merge(existing, values)) : await opdRepo.save({ code: o.code, ...values });
    await refreshPaths(em, row, existing?.path ?? null);
  }

  const slaId = async (code: string | null) => (code ? (await slaRepo.findOneByOrFail({ code })).id : null);
  const catRepo = em.getRepository(Category);
  const newCats = creates('categories');
  const changedCats = updates('categories');
  for (const c of org.categories) {
    if (!newCats.has(c.code) && !changedCats.has(c.code)) continue;
    const values = {
      name: c.name,
      description: c.description,
      defaultOpdId: await idOf(c.defaultOpd),
      slaPolicyId: await slaId(c.slaPolicy),
      active: c.active,
    };
    if (newCats.has(c.code)) await catRepo.insert({ code: c.code, ...values });
    else await catRepo.update({ code: c.code }, values);
  }

  const holidayRepo = em.getRepository(Holiday);
  const newHolidays = creates('holidays');
  const changedHolidays = updates('holidays');
  for (const h of org.holidays) {
    if (newHolidays.has(h.date)) await holidayRepo.insert({ ...h });
    else if (changedHolidays.has(h.date)) await holidayRepo.update({ date: h.date }, { name: h.name, kind: h.kind });
  }

  const postRepo = em.getRepository(ServicePost);
  const newPosts = creates('servicePosts');
  const changedPosts = updates('servicePosts');
  for (const p of org.servicePosts) {
    if (!newPosts.has(p.code) && !changedPosts.has(p.code)) continue;
    const values = { name: p.name, kelurahanId: (await idOf(p.kelurahan))!, rw: p.rw, address: p.address, schedule: p.schedule.map(slot), active: p.active };
    if (newPosts.has(p.code)) await postRepo.insert({ code: p.code, ...values });
    else await postRepo.update({ code: p.code }, values);
  }
  return plan;
}

/** Loads the file in ONE transaction (or only plans it on a dry run); concurrent loads wait for each other. */
export async function loadOrg(db: DataSource, org: OrgFile, options: { dryRun: boolean; actor?: AuditActor }): Promise<OrgPlan> {
  if (options.dryRun) return planOrg(db.manager, org);
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('lapor:load-org'))`);
    // Recorded in the administrative audit trail like the same changes made in the console.
    return auditedTables(tx, options.actor ?? systemActor('load-org'), [SlaPolicy, Opd, Category, Holiday, ServicePost], () => applyOrg(tx, org));
  });
}

const LABELS: Record<OrgKind, string> = {
  slaPolicies: 'SLA policies',
  opds: 'Opds',
  categories: 'categories',
  holidays: 'holidays',
  servicePosts: 'service posts',
};

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v ?? null));

export function formatPlan(plan: OrgPlan, options: { dryRun: boolean }): string {
  const lines: string[] = [];
  const [create, update] = options.dryRun ? ['to create', 'to update'] : ['created', 'updated'];
  for (const kind of ORG_KINDS) {
    const p = plan[kind];
    lines.push(
      `${LABELS[kind]}: ${p.create.length} ${create}, ${p.update.length} ${update}, ${p.unchanged} unchanged${p.notInFile.length ? `, ${p.notInFile.length} not in the file` : ''}`,
    );
    for (const key of p.create) lines.push(`  + ${key}`);
    for (const u of p.update) lines.push(`  ~ ${u.key}: ${u.changes.map((c) => `${c.field} ${show(c.from)} → ${show(c.to)}`).join('; ')}`);
    if (p.notInFile.length) lines.push(`  ? in the database, not in the file (left as they are): ${p.notInFile.join(', ')}`);
  }
  lines.push(
    planHasChanges(plan)
      ? options.dryRun
        ? 'dry run: nothing was changed'
        : 'applied in one transaction'
      : 'nothing to change: the database already matches the file',
  );
  return lines.join('\n');
}
