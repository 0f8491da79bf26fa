import { validate } from 'class-validator';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { Category } from '../categories/category.entity';
import { Complaint } from '../complaints/complaint.entity';
import { Channel, ComplaintStatus, ComplaintType } from '../complaints/complaint.enums';
import { ComplaintInput } from '../complaints/complaint.inputs';
import { ExternalReference, ExternalSource } from '../external-refs/external-ref.entity';
import { ImportAction, ImportFormat, type ComplaintImportInput, type ComplaintImportReport, type ImportRowResult } from './complaint-import.inputs';

const MAX_ROWS = 2000;
/** What an import may set: receiving and verifying are intake's work; answering is the unit head's, never an import's. */
const IMPORTABLE: readonly ComplaintStatus[] = [ComplaintStatus.SUBMITTED, ComplaintStatus.VERIFIED];

type Row = Record<string, unknown>;

function rowsOf(format: ImportFormat, content: string): Row[] {
  let rows: unknown;
  try {
    rows = format === ImportFormat.CSV ? parseCsv(content, { columns: true, skip_empty_lines: true, trim: true, bom: true }) : JSON.parse(content);
  } catch (err) {
    throw AppError.field('input.content', `is not valid ${format}: ${(err as Error).message}`);
  }
  if (!Array.isArray(rows) || rows.some((r) => !r || typeof r !== 'object' || Array.isArray(r)))
    throw AppError.field('input.content', 'must be a list of rows (objects)');
  if (rows.length > MAX_ROWS) throw AppError.field('input.content', `at most ${MAX_ROWS} rows per call; send a larger file in parts with rowOffset`);
  return rows as Row[];
}

const cell = (row: Row, column: string | null | undefined): string | null => {
  if (!column) return null;
  const v = row[column];
  return v == null || String(v).trim() === '' ? null : String(v).trim();
};

/**
 * Imports complaints from another system's export (SP4N-LAPOR!'s has no public API) through the
 * one intake: each new row is a `submit` by the importing admin with the external ID (its
 * idempotency key too), a row whose external ID is known is not created again, and a known one
 * still SUBMITTED here that the file says is verified is verified with the same command staff use.
 * A dry run reports the same decisions without changing anything.
 */
export async function importComplaints(ctx: Context, input: ComplaintImportInput): Promise<ComplaintImportReport> {
  const m = input.mapping;
  for (const [field, column] of [
    ['externalId', m.externalId],
    ['title', m.title],
    ['description', m.description],
  ] as const) {
    if (!column?.trim()) throw AppError.field(`input.mapping.${field}`, 'name the column that holds it');
  }
  if (!Number.isInteger(input.rowOffset) || input.rowOffset < 0) throw AppError.field('input.rowOffset', 'must be 0 or more');
  const rows = rowsOf(input.format, input.content);
  const statusOf = new Map(m.statuses.map((s) => [s.external.trim().toLowerCase(), s.status]));
  const categories = new Map((await ctx.db.getRepository(Category).findBy({ active: true })).map((c) => [c.code.toLowerCase(), c]));
  const ids = rows.map((r) => cell(r, m.externalId)).filter((x): x is string => !!x);
  const known = new Map(
    (
      await ctx.db
        .getRepository(ExternalReference)
        .createQueryBuilder('x')
        .where('x.source = :s AND x."externalId" = ANY(:ids)', { s: m.source, ids })
        .getMany()
    ).map((x) => [x.externalId, x.complaintId]),
  );
  const complaints = new Map(
    known.size
      ? (
          await ctx.db
            .getRepository(Complaint)
            .createQueryBuilder('c')
            .where('c.id = ANY(:ids)', { ids: [...known.values()] })
            .getMany()
        ).map((c) => [c.id, c])
      : [],
  );
  const seen = new Map<string, number>();
  const results: ImportRowResult[] = [];

  for (const [i, row] of rows.entries()) {
    const n = input.rowOffset + i + 1;
    const externalId = cell(row, m.externalId);
    const result = (action: ImportAction, reason: string | null, trackingCode: string | null = null) =>
      results.push({ row: n, externalId, action, reason, trackingCode });
    if (!externalId) {
      result(ImportAction.REFUSE, `no external ID in column "${m.externalId}"`);
      continue;
    }
    if (seen.has(externalId)) {
      result(ImportAction.REFUSE, `the same external ID as row ${seen.get(externalId)}`);
      continue;
    }
    seen.set(externalId, n);
    const statusText = cell(row, m.status);
    const status = statusText == null ? ComplaintStatus.SUBMITTED : statusOf.get(statusText.toLowerCase());
    if (!status) {
      result(ImportAction.REFUSE, `status "${statusText}" is not in the mapping`);
      continue;
    }
    if (!IMPORTABLE.includes(status)) {
      result(ImportAction.REFUSE, `status ${status} cannot be imported: only ${IMPORTABLE.join(' or ')}; the answer comes from the unit's head here`);
      continue;
    }

    const existingId = known.get(externalId);
    if (existingId != null) {
      const c = complaints.get(existingId)!;
      if (status === ComplaintStatus.VERIFIED && c.status === ComplaintStatus.SUBMITTED) {
        if (input.dryRun) result(ImportAction.UPDATE, 'will be verified', c.trackingCode);
        else
          try {
            await ctx.services.complaints.verify(ctx, String(c.id), null, `Diverifikasi di ${m.source} (impor)`);
            result(ImportAction.UPDATE, 'verified', c.trackingCode);
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            result(ImportAction.REFUSE, err.message, c.trackingCode);
          }
      } else result(ImportAction.UNCHANGED, `already imported as ${c.trackingCode}`, c.trackingCode);
      continue;
    }

    const categoryCode = cell(row, m.category);
    const category = categoryCode ? categories.get(categoryCode.toLowerCase()) : null;
    if (categoryCode && !category) {
      result(ImportAction.REFUSE, `no active category with code "${categoryCode}"`);
      continue;
    }
    const complaint = Object.assign(new ComplaintInput(), {
      type: ComplaintType.COMPLAINT,
      channel: m.source === ExternalSource.SP4N_LAPOR ? Channel.SP4N_LAPOR : Channel.EXTERNAL_APP,
      title: cell(row, m.title) ?? '',
      description: cell(row, m.description) ?? '',
      categoryId: category ? String(category.id) : null,
      address: cell(row, m.address),
      reporterName: cell(row, m.reporterName),
      reporterPhone: cell(row, m.reporterPhone),
      reporterEmail: cell(row, m.reporterEmail),
      // LAPOR! keeps the reporter's contact; ours may have none, so the way back is through LAPOR!.
      reporterAddress: cell(row, m.reporterPhone) || cell(row, m.reporterEmail) ? null : `Melalui ${m.source} ${externalId}`,
      externalSource: m.source,
      externalId,
      anonymous: false,
      confidential: false,
    });
    const problems = await validate(complaint, { forbidUnknownValues: false });
    if (problems.length) {
      result(ImportAction.REFUSE, problems.map((p) => `${p.property}: ${Object.values(p.constraints ?? {}).join(', ')}`).join('; '));
      continue;
    }
    if (input.dryRun) {
      result(ImportAction.CREATE, status === ComplaintStatus.VERIFIED ? 'will be created and verified' : null);
      continue;
    }
    try {
      const r = await ctx.services.complaints.submit(ctx, complaint, `import:${m.source}:${externalId}`.slice(0, 100));
      if (status === ComplaintStatus.VERIFIED && r.complaint.status === ComplaintStatus.SUBMITTED) {
        await ctx.services.complaints.verify(ctx, String(r.complaint.id), null, `Diverifikasi di ${m.source} (impor)`);
      }
      result(r.replayed ? ImportAction.UNCHANGED : ImportAction.CREATE, r.replayed ? 'already imported' : null, r.trackingCode);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      result(ImportAction.REFUSE, err.message);
    }
  }
  const count = (a: ImportAction) => results.filter((r) => r.action === a).length;
  return {
    dryRun: input.dryRun,
    rows: rows.length,
    created: count(ImportAction.CREATE),
    updated: count(ImportAction.UPDATE),
    unchanged: count(ImportAction.UNCHANGED),
    refused: count(ImportAction.REFUSE),
    results,
  };
}
