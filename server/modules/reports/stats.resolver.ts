import { Arg, Ctx, Field, FieldResolver, Float, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../core/context';
import { parseId } from '../../core/errors';
import { Permission } from '../../auth/permissions';
import { Requires } from '../../auth/requires';
import { Category } from '../categories/category.entity';
import { Opd } from '../opds/opd.entity';
import { Program } from '../programs/program.entity';
import type { OnTimeFigure } from './on-time';
import type { OnTimeSummary, StatsRow } from './stats.service';

@ObjectType({ description: 'Counts for one group of complaints.' })
export class StatsBucket implements StatsRow {
  @Field(() => String, { nullable: true, description: 'Status, channel, or the id of the Opd / programme / category (null: none).' })
  key: string | null;
  @Field(() => Int) total: number;
  @Field(() => Int, { description: 'Not yet answered, closed or rejected.' }) open: number;
  @Field(() => Int, { description: 'A running deadline has passed.' }) overdue: number;
  @Field(() => Int) responded: number;
  @Field(() => Int, { description: 'First response (progress or answer) within the response deadline.' }) respondedInTime: number;
  @Field(() => Int, { description: 'Got a first response (progress or answer) from a unit, in time or not.' }) firstResponded: number;
  @Field(() => Float, { nullable: true, description: 'Mean citizen rating (1–5) of the rated ones.' }) averageRating: number | null;
}

@ObjectType({
  description:
    'Tepat waktu (one definition with the compliance report): of the forwards to a unit begun in the period whose first response was due (given, or its deadline passed), those first responded (accepted, public progress or answer) by the deadline the forward set.',
})
export class OnTime implements OnTimeFigure {
  @Field(() => Int) due: number;
  @Field(() => Int) inTime: number;
  @Field(() => Float, { nullable: true, description: 'inTime / due in percent; null when nothing was due.' }) pct: number | null;
}

@ObjectType()
export class OpdOnTime extends OnTime {
  @Field(() => ID) opdId: number;
}

@ObjectType()
export class OnTimeStats implements OnTimeSummary {
  @Field(() => OnTime, { description: 'Over all the Opds below.' }) total: OnTime;
  @Field(() => [OpdOnTime], { description: 'Best share first.' }) byOpd: OpdOnTime[];
}

@Resolver(() => OpdOnTime)
export class OpdOnTimeResolver {
  @FieldResolver(() => Opd, { nullable: true })
  opd(@Root() r: OpdOnTime, @Ctx() ctx: Context) {
    return ctx.loaders.opd.load(r.opdId);
  }
}

@ObjectType()
export class ComplaintStats {
  @Field(() => StatsBucket) totals: StatsBucket;
  @Field(() => [StatsBucket]) byStatus: StatsBucket[];
  @Field(() => [StatsBucket]) byChannel: StatsBucket[];
  @Field(() => [StatsBucket], { description: 'By the Opd currently handling (key null: still at intake).' }) byOpd: StatsBucket[];
  @Field(() => [StatsBucket]) byProgram: StatsBucket[];
  @Field(() => [StatsBucket]) byCategory: StatsBucket[];
  @Field(() => OnTimeStats, {
    nullable: true,
    description: 'Over forwards begun in [from, to) of the complaints you may see; null for a programme, post or category.',
  })
  onTime: OnTimeStats | null;
}

@Resolver(() => StatsBucket)
export class StatsBucketResolver {
  @FieldResolver(() => Opd, { nullable: true, description: 'The Opd, when the bucket is one (byOpd).' })
  opd(@Root() b: StatsBucket & { dim?: string }, @Ctx() ctx: Context) {
    return b.key && /^\d+$/.test(b.key) ? ctx.loaders.opd.load(Number(b.key)) : null;
  }

  @FieldResolver(() => Program, { nullable: true })
  program(@Root() b: StatsBucket, @Ctx() ctx: Context) {
    return b.key && /^\d+$/.test(b.key) ? ctx.loaders.program.load(Number(b.key)) : null;
  }

  @FieldResolver(() => Category, { nullable: true })
  category(@Root() b: StatsBucket, @Ctx() ctx: Context) {
    return b.key && /^\d+$/.test(b.key) ? ctx.loaders.category.load(Number(b.key)) : null;
  }
}

@Resolver()
export class ComplaintStatsResolver {
  @Requires(Permission.COMPLAINT_READ)
  @Query(() => ComplaintStats, { description: 'Dashboard counts over the complaints you may see, optionally for complaints created in [from, to).' })
  complaintStats(
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Arg('programId', () => ID, { nullable: true, description: 'Per-programme statistics.' }) programId: string | null,
    @Arg('servicePostId', () => ID, { nullable: true, description: 'Per-post intake statistics.' }) servicePostId: string | null,
    @Arg('categoryId', () => ID, { nullable: true }) categoryId: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.stats.stats(ctx.viewer!, from, to, {
      programId: programId ? parseId(programId, 'programId') : null,
      servicePostId: servicePostId ? parseId(servicePostId, 'servicePostId') : null,
      categoryId: categoryId ? parseId(categoryId, 'categoryId') : null,
    });
  }
}
