import { ArrayMaxSize, ArrayMinSize } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { ListArgs, PageOf } from '../../core/paging';
import { Permission } from '../../auth/permissions';
import { Requires } from '../../auth/requires';
import { Complaint } from '../complaints/complaint.entity';
import { Opd } from '../opds/opd.entity';
import { User } from '../users/user.entity';
import { Desk, DeskItem, DeskStatus } from './desk.entity';
import { DESK_DUE_WITHIN_WORKING_DAYS } from './desk.service';

@InputType()
export class DeskInput {
  @Field(() => String) title: string;
  @Field(() => [ID]) @ArrayMinSize(1) @ArrayMaxSize(50) complaintIds: string[];
  @Field(() => [ID], { defaultValue: [] }) @ArrayMaxSize(30) participantOpdIds: string[];
  @Field(() => Date) scheduledAt: Date;
  @Field(() => String) place: string;
}

@InputType()
export class DeskDecisionInput {
  @Field(() => ID) complaintId: string;
  @Field(() => String, { description: 'The decided solution: an instruction to the responsible unit, internal.' }) solution: string;
  @Field(() => String, { nullable: true, description: 'What the reporter reads; empty: that the unit named follows it up.' })
  publicMessage?: string | null;
  @Field(() => ID, { description: 'Another unit than the one holding the complaint now.' }) responsibleOpdId: string;
  @Field(() => LocalDateResolver, {
    nullable: true,
    description: `The responsible unit answers by the end of this day (WIB): today at the earliest, at most ${DESK_DUE_WITHIN_WORKING_DAYS} working days ahead. Empty: the category's response deadline.`,
  })
  dueDate?: string | null;
}

const DeskPage = PageOf(Desk, 'DeskPage');

@Resolver(() => Desk)
export class DeskResolver {
  @Requires(Permission.DESK_READ)
  @Query(() => DeskPage, { description: 'Desks convened by or with your unit (all for leaders).' })
  desks(@Arg('status', () => DeskStatus, { nullable: true }) status: DeskStatus | null, @Args(() => ListArgs) args: ListArgs, @Ctx() ctx: Context) {
    return ctx.services.desks.list(ctx.viewer!, status, args);
  }

  @Requires(Permission.DESK_READ)
  @Query(() => Desk, { nullable: true })
  desk(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.desks.get(ctx.viewer!, id).catch((e) => (e instanceof AppError && e.code === 'NOT_FOUND' ? null : Promise.reject(e)));
  }

  @Requires(Permission.DESK_MANAGE)
  @Mutation(() => Desk, { description: 'Convene a desk on complaints your unit handles; they move to stage DESK and the participating units can see them.' })
  conveneDesk(@Arg('input', () => DeskInput) input: DeskInput, @Ctx() ctx: Context) {
    return ctx.services.desks.convene(ctx, input);
  }

  @Requires(Permission.DESK_MANAGE)
  @Mutation(() => Desk)
  recordDeskMinutes(@Arg('id', () => ID) id: string, @Arg('minutes', () => String) minutes: string, @Ctx() ctx: Context) {
    return ctx.services.desks.recordMinutes(ctx, id, minutes);
  }

  @Requires(Permission.DESK_MANAGE)
  @Mutation(() => Desk, { description: 'Decide each complaint: it is forwarded to the responsible unit with the solution; that unit’s head answers.' })
  concludeDesk(@Arg('id', () => ID) id: string, @Arg('decisions', () => [DeskDecisionInput]) decisions: DeskDecisionInput[], @Ctx() ctx: Context) {
    return ctx.services.desks.conclude(ctx, id, decisions);
  }

  @FieldResolver(() => User, { nullable: true })
  convenedBy(@Root() d: Desk, @Ctx() ctx: Context) {
    return ctx.loaders.user.load(d.convenedById);
  }

  @FieldResolver(() => Opd, { nullable: true })
  convenerOpd(@Root() d: Desk, @Ctx() ctx: Context) {
    return ctx.loaders.opd.load(d.convenerOpdId);
  }

  @FieldResolver(() => [Opd])
  async participants(@Root() d: Desk, @Ctx() ctx: Context) {
    return (await ctx.loaders.opd.loadMany(d.participantOpdIds)).filter((o): o is Opd => !!o && !(o instanceof Error));
  }

  @FieldResolver(() => [DeskItem])
  items(@Root() d: Desk, @Ctx() ctx: Context) {
    return ctx.loaders.deskItems.load(d.id);
  }
}

@Resolver(() => DeskItem)
export class DeskItemResolver {
  @FieldResolver(() => Complaint, { nullable: true, description: 'Null when the complaint is outside your scope.' })
  async complaint(@Root() item: DeskItem, @Ctx() ctx: Context) {
    return ctx.services.complaints.findVisible(ctx.viewer, item.complaintId).catch(() => null);
  }

  @FieldResolver(() => Opd, { nullable: true })
  responsibleOpd(@Root() item: DeskItem, @Ctx() ctx: Context) {
    return item.responsibleOpdId ? ctx.loaders.opd.load(item.responsibleOpdId) : null;
  }
}
