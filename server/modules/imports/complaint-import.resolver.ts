import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Permission } from '../../auth/permissions';
import { Requires } from '../../auth/requires';
import type { Context } from '../../core/context';
import { ComplaintImportInput, ComplaintImportReport } from './complaint-import.inputs';
import { importComplaints } from './complaint-import.service';

@Resolver()
export class ComplaintImportResolver {
  @Requires(Permission.COMPLAINT_VERIFY)
  @Mutation(() => ComplaintImportReport, {
    description:
      'Import complaints from another system’s file (e.g. SP4N-LAPOR!) by external ID: a dry run reports what would be created, updated or refused and why; re-runs are idempotent.',
  })
  importComplaints(@Arg('input', () => ComplaintImportInput) input: ComplaintImportInput, @Ctx() ctx: Context) {
    return importComplaints(ctx, input);
  }
}
