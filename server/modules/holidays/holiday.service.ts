import { In } from 'typeorm';
import { CrudService, translateDbError } from '../../core/crud';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { actorOf, auditedCreate, auditedUpdate, auditTrailOf } from '../audit/audit.trail';
import { Holiday } from './holiday.entity';
import { parseHolidayFile, type HolidayFileFormat } from './holiday-file';
import type { HolidayFilter, HolidayInput } from './holiday.inputs';

export const holidayService = new CrudService<Holiday, HolidayInput, HolidayFilter>({
  entity: Holiday,
  label: 'holiday',
  audit: auditTrailOf(Holiday),
  sortable: { date: 'e.date', name: 'e.name' },
  searchable: ['e.name'],
  applyFilter(qb, f) {
    if (f.year != null) qb.andWhere('extract(year from e.date) = :y', { y: f.year });
    if (f.kind) qb.andWhere('e.kind = :k', { k: f.kind });
  },
  toRow: (input) => ({ date: input.date, name: input.name.trim(), kind: input.kind }),
  afterCommit: (ctx) => ctx.services.sla.invalidate(),
});

export type HolidayImportAction = 'CREATE' | 'UPDATE' | 'SKIP';

export interface HolidayImportResult {
  dryRun: boolean;
  created: number;
  updated: number;
  /** Already in the calendar with the same name and kind. */
  skipped: number;
  items: { line: number; date: string; name: string; kind: Holiday['kind']; action: HolidayImportAction }[];
}

/**
 * Adds a file's holidays in one transaction, each change audited like a single edit. A date
 * already in the calendar takes the file's name and kind (updated) or, when they are the same,
 * is skipped, so importing a file twice changes nothing. Any bad line refuses the whole file.
 */
export async function importHolidays(ctx: Context, format: HolidayFileFormat, content: string, dryRun: boolean): Promise<HolidayImportResult> {
  const { holidays, problems } = parseHolidayFile(format, content);
  if (problems.length) throw AppError.badInput(problems);
  const actor = actorOf(ctx);
  let result: HolidayImportResult;
  try {
    result = await ctx.db.transaction(async (tx) => {
      const repo = tx.getRepository(Holiday);
      const existing = new Map(
        (await repo.find({ where: { date: In(holidays.map((h) => h.date)) }, lock: { mode: 'pessimistic_write' } })).map((h) => [h.date, h]),
      );
      const items: HolidayImportResult['items'] = [];
      for (const h of holidays) {
        const old = existing.get(h.date);
        const action: HolidayImportAction = !old ? 'CREATE' : old.name !== h.name || old.kind !== h.kind ? 'UPDATE' : 'SKIP';
        items.push({ line: h.line, date: h.date, name: h.name, kind: h.kind, action });
        if (dryRun) continue;
        const row = { date: h.date, name: h.name, kind: h.kind };
        if (action === 'CREATE') await auditedCreate(tx, actor, Holiday, () => repo.save(repo.create(row)));
        else if (action === 'UPDATE') await auditedUpdate(tx, actor, Holiday, [old!.id], () => repo.update(old!.id, row));
      }
      const count = (a: HolidayImportAction) => items.filter((i) => i.action === a).length;
      return { dryRun, created: count('CREATE'), updated: count('UPDATE'), skipped: count('SKIP'), items };
    });
  } catch (err) {
    throw translateDbError(err, 'holiday');
  }
  if (!dryRun) ctx.services.sla.invalidate();
  return result;
}
