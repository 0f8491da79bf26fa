import { Arg, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../core/context';
import { AppError, parseId } from '../../core/errors';
import { RateLimit } from '../../core/rate-limit';
import { Permission } from '../../auth/permissions';
import { Requires } from '../../auth/requires';
import { Opd } from '../opds/opd.entity';
import { User } from '../users/user.entity';
import { IKM_ELEMENTS, validAnswers } from './ikm';
import { parsePeriod, type OfficerRow, type OpdComplianceRow, type Period, type StaffRow } from './report.service';
import { SurveyResponse } from './survey.entity';

@ObjectType({ description: 'One Opd’s line in the compliance report.' })
class OpdCompliance implements OpdComplianceRow {
  @Field(() => ID) opdId: number;
  @Field(() => Int) rank: number;
  @Field(() => Int, { description: 'Complaints taken in at this Opd.' }) taken: number;
  @Field(() => Int, { description: 'Complaints forwarded to this Opd.' }) received: number;
  @Field(() => Int, { description: 'Forwards made by this Opd.' }) forwarded: number;
  @Field(() => Int) responded: number;
  @Field(() => Int, { description: 'Forwards whose deadline passed or that got a first response.' }) due: number;
  @Field(() => Int) respondedInTime: number;
  @Field(() => Float, { nullable: true }) respondedInTimePct: number | null;
  @Field(() => Float, { nullable: true }) medianHoursToFirstResponse: number | null;
  @Field(() => Float, { nullable: true }) p90HoursToFirstResponse: number | null;
  @Field(() => Int) overdueNow: number;
  @Field(() => Int, { description: 'Returned as not their authority (misrouted).' }) returns: number;
  @Field(() => Float, { nullable: true }) averageRating: number | null;
  @Field(() => Float, { nullable: true }) ikm: number | null;
  @Field(() => String, { nullable: true }) ikmGrade: string | null;
}

@ObjectType({ description: 'What an officer or admin did in the period (Madiun’s officer appreciation).' })
class OfficerActivity implements OfficerRow {
  @Field(() => ID) userId: number;
  @Field(() => Int) recorded: number;
  @Field(() => Int) verified: number;
  @Field(() => Int) forwarded: number;
  @Field(() => Int, { description: 'Forwarded from intake before the verification deadline.' }) forwardedOnTime: number;
}

@ObjectType({ description: 'What a unit head or staff member did on complaints in the period: answers, progress notes, time to answer.' })
class StaffPerformance implements StaffRow {
  @Field(() => ID) userId: number;
  @Field(() => Int, { description: 'Answers the reporter sees.' }) answers: number;
  @Field(() => Int) progressNotes: number;
  @Field(() => Int, { description: 'Distinct complaints answered or noted.' }) complaints: number;
  @Field(() => Float, { nullable: true, description: 'Hours from the forward that brought the complaint to the unit to the answer.' })
  medianHoursToAnswer: number | null;
  @Field(() => Float, { nullable: true }) averageHoursToAnswer: number | null;
}

@ObjectType()
class ComplianceReport {
  @Field(() => Date) from: Date;
  @Field(() => Date) to: Date;
  @Field(() => [OpdCompliance], { description: 'Ranked: on-time share first, then median time to first response.' }) opds: OpdCompliance[];
  @Field(() => [OfficerActivity]) officers: OfficerActivity[];
  @Field(() => [StaffPerformance], { description: 'Unit heads and staff, most active first.' }) staff: StaffPerformance[];
}

@ObjectType({ description: 'Indeks Kepuasan Masyarakat (PermenPAN-RB 14/2017).' })
class Ikm {
  @Field(() => Int) responses: number;
  @Field(() => [Float], { description: 'Mean per element U1–U9 (1–4).' }) elementMeans: number[];
  @Field(() => Float, { nullable: true }) index: number | null;
  @Field(() => Float, { nullable: true, description: 'index × 25 (25–100).' }) ikm: number | null;
  @Field(() => String, { nullable: true, description: 'A (88.31–100), B (76.61–88.30), C (65.00–76.60), D (25.00–64.99).' }) grade: string | null;
  @Field(() => String, { nullable: true }) gradeLabel: string | null;
}

@InputType()
class SurveyResponseInput {
  @Field(() => ID) opdId: string;
  @Field(() => [Int], { description: 'Nine answers, U1–U9, each 1–4.' }) answers: number[];
  @Field(() => String, { nullable: true }) comment?: string | null;
}

function periodOf(period: string | null, from: Date | null, to: Date | null): Period {
  if (period) return parsePeriod(period);
  if (!from || !to) throw AppError.field('period', 'give a period (e.g. 2026-Q3) or both from and to');
  if (to <= from) throw AppError.field('to', 'must be after from');
  return { from, to };
}

@Resolver(() => OpdCompliance)
export class ReportResolver {
  @Requires(Permission.REPORT_READ)
  @Query(() => ComplianceReport, { description: 'Per Opd and per officer for a period in WIB (e.g. period: "2026-Q3").' })
  async complianceReport(
    @Arg('period', () => String, { nullable: true }) period: string | null,
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Ctx() ctx: Context,
  ) {
    const p = periodOf(period, from, to);
    const { reports } = ctx.services;
    const [opds, officers, staff] = await Promise.all([reports.compliance(ctx.viewer!, p), reports.officers(ctx.viewer!, p), reports.staff(ctx.viewer!, p)]);
    return { ...p, opds, officers, staff };
  }

  @Requires(Permission.REPORT_READ)
  @Query(() => String, { description: 'The compliance report as CSV (one row per Opd, ranked).' })
  complianceReportCsv(
    @Arg('period', () => String, { nullable: true }) period: string | null,
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.reports.complianceCsv(ctx.viewer!, periodOf(period, from, to));
  }

  @Requires(Permission.PUBLIC)
  @Query(() => Ikm, { description: 'IKM of an Opd, overall or for a period; public like the published survey results.' })
  ikm(@Arg('opdId', () => ID) opdId: string, @Arg('period', () => String, { nullable: true }) period: string | null, @Ctx() ctx: Context) {
    return ctx.services.reports.ikm(parseId(opdId, 'opdId'), period ? parsePeriod(period) : null);
  }

  @Requires(Permission.PUBLIC)
  @Query(() => [String], { description: 'The nine survey elements U1–U9, in order.' })
  ikmElements() {
    return [...IKM_ELEMENTS];
  }

  @Requires(Permission.PUBLIC)
  @Mutation(() => Boolean, {
    description:
      'A citizen’s answers to the satisfaction survey of an Opd: one sheet per address and Opd in 24 hours; a kiosk or app with an API key is limited per key instead.',
  })
  async submitSurveyResponse(@Arg('input', () => SurveyResponseInput) input: SurveyResponseInput, @Ctx() ctx: Context) {
    const { limits } = ctx.services;
    if (ctx.client) await limits.clientSubmit.check(`survey:${ctx.client.id}`, 'survey answers from this app');
    else await limits.publicSubmit.check(`survey:${ctx.source}`, 'survey answers');
    const opdId = parseId(input.opdId, 'input.opdId');
    if (!(await ctx.loaders.opd.load(opdId))?.active) throw AppError.field('input.opdId', 'no such active Opd');
    const problem = validAnswers(input.answers);
    if (problem) throw AppError.field('input.answers', problem);
    if (input.comment && input.comment.length > 2000) throw AppError.field('input.comment', 'must be at most 2000 characters');
    // Counted after the checks above, so a sheet refused for a typo does not use up the day's one.
    const wait = ctx.client ? null : await limits.surveySheet.take(`${opdId}:${ctx.source}`);
    if (wait !== null) throw RateLimit.refused('A survey sheet for this unit was already sent from your address in the last 24 hours; thank you.', wait);
    await ctx.db.getRepository(SurveyResponse).insert({ opdId, answers: input.answers, comment: input.comment?.trim() || null });
    return true;
  }

  @FieldResolver(() => Opd, { nullable: true })
  opd(@Root() r: OpdCompliance, @Ctx() ctx: Context) {
    return ctx.loaders.opd.load(r.opdId);
  }
}

@Resolver(() => OfficerActivity)
export class OfficerActivityResolver {
  @FieldResolver(() => User, { nullable: true })
  user(@Root() r: OfficerActivity, @Ctx() ctx: Context) {
    return ctx.loaders.user.load(r.userId);
  }
}

@Resolver(() => StaffPerformance)
export class StaffPerformanceResolver {
  @FieldResolver(() => User, { nullable: true })
  user(@Root() r: StaffPerformance, @Ctx() ctx: Context) {
    return ctx.loaders.user.load(r.userId);
  }
}
