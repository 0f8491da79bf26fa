import type { GraphQLResolveInfo } from 'graphql';
import { IsLatitude, IsLongitude, IsOptional, Length } from 'class-validator';
import { Arg, Ctx, Field, FieldResolver, Float, ID, Info, InputType, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import type { Context } from '../../core/context';
import { parseId } from '../../core/errors';
import { Permission } from '../../auth/permissions';
import { Requires } from '../../auth/requires';
import { Complaint } from '../complaints/complaint.entity';
import { ComplaintStatus } from '../complaints/complaint.enums';
import { planFor } from '../complaints/complaint.preload';
import { DuplicateReason, type Candidate } from './duplicate.service';

registerEnumType(DuplicateReason, {
  name: 'DuplicateReason',
  description: 'Why a report looks like another: similar words, same category, same kelurahan, nearby',
});

@ObjectType({ description: 'A report that may be the same as the one at hand.' })
export class DuplicateCandidate {
  @Field(() => Complaint) complaint: Complaint;
  @Field(() => Float, { description: '0–1: how alike the two look.' }) score: number;
  @Field(() => [DuplicateReason]) reasons: DuplicateReason[];
  @Field(() => Float, { nullable: true, description: 'Between the two reported places, when both have coordinates.' }) distanceMeters: number | null;
}

@InputType({ description: 'The report being recorded, to compare with recent ones.' })
export class DuplicateProbeInput {
  @Field(() => String) @Length(3, 200) title: string;
  @Field(() => String, { defaultValue: '' }) @Length(0, 10000) description: string = '';
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => ID, { nullable: true }) kelurahanId?: string | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsLatitude() latitude?: number | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsLongitude() longitude?: number | null;
}

/** Where duplicates are looked for: recording and verification. */
const LOOKING = new Set<ComplaintStatus>([ComplaintStatus.SUBMITTED, ComplaintStatus.VERIFIED]);

@Resolver(() => Complaint)
export class DuplicateResolver {
  @Requires(Permission.COMPLAINT_RECORD)
  @Query(() => [DuplicateCandidate], { description: 'While recording: recent reports in your scope that may be the same (at most 5, likeliest first).' })
  similarComplaints(
    @Arg('input', () => DuplicateProbeInput) probe: DuplicateProbeInput,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Candidate[]> {
    return ctx.services.duplicates.similar(
      ctx.viewer!,
      {
        title: probe.title,
        description: probe.description,
        categoryId: probe.categoryId ? parseId(probe.categoryId, 'input.categoryId') : null,
        kelurahanId: probe.kelurahanId ? parseId(probe.kelurahanId, 'input.kelurahanId') : null,
        latitude: probe.latitude ?? null,
        longitude: probe.longitude ?? null,
      },
      { loaders: ctx.loaders, plan: planFor(info, ['complaint']) },
    );
  }

  @FieldResolver(() => [DuplicateCandidate], {
    description: 'While it is verified: recent reports that may be the same, for those who verify (merge with mergeComplaint). Empty otherwise.',
  })
  async possibleDuplicates(@Root() c: Complaint, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Candidate[]> {
    if (!LOOKING.has(c.status) || !ctx.viewer?.permissions.has(Permission.COMPLAINT_VERIFY)) return [];
    const probe = await ctx.services.duplicates.probeOf(c.id);
    return ctx.services.duplicates.similar(ctx.viewer, probe, { loaders: ctx.loaders, plan: planFor(info, ['complaint']) });
  }

  @FieldResolver(() => [Complaint], { description: 'Reports merged into this one; their reporters follow it.' })
  async duplicates(@Root() c: Complaint, @Ctx() ctx: Context): Promise<Complaint[]> {
    const rows = await ctx.db.getRepository(Complaint).find({ where: { duplicateOfId: c.id }, order: { id: 'ASC' } });
    return rows.filter((d) => ctx.services.complaints.policy.canRead(ctx.viewer, d));
  }
}
