import { TrimmedLength } from '../../core/validators';
import { ArrayMaxSize, IsInt, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Ctx, Field, FieldResolver, ID, InputType, Int, Resolver, Root } from 'type-graphql';
import type { Context } from '../../core/context';
import { createCrudResolver, CrudService } from '../../core/crud';
import { AppError, parseId } from '../../core/errors';
import { PageOf } from '../../core/paging';
import { refId } from '../../core/refs';
import { Permission } from '../../auth/permissions';
import { Role } from '../../auth/roles';
import { In } from 'typeorm';
import { Opd } from '../opds/opd.entity';
import { OpdKind } from '../opds/opd-kind';
import { CODE_MESSAGE, CODE_PATTERN } from '../opds/opd.inputs';
import { User } from '../users/user.entity';
import { ServicePost } from './service-post.entity';
import { fromWib, wibWallClock } from '../../core/wib';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

@InputType()
export class OpeningSlotInput {
  @Field(() => Int) @IsInt() @Min(1) @Max(7) weekday: number;
  @Field(() => String) @Matches(HHMM, { message: 'must be HH:MM' }) opensAt: string;
  @Field(() => String) @Matches(HHMM, { message: 'must be HH:MM' }) closesAt: string;
}

@InputType()
export class ServicePostInput {
  @Field(() => String) @Length(1, 40) @Matches(CODE_PATTERN, { message: CODE_MESSAGE }) code: string;
  @Field(() => String) @TrimmedLength(2, 200) name: string;
  @Field(() => ID) kelurahanId: string;
  @Field(() => String) @Matches(/^\d{1,3}$/, { message: 'must be an RW number, e.g. 03' }) rw: string;
  @Field(() => String, { defaultValue: '' }) @Length(0, 300) address: string = '';
  @Field(() => [OpeningSlotInput])
  @ValidateNested({ each: true })
  @ArrayMaxSize(21)
  schedule: OpeningSlotInput[] = [];
  @Field(() => Boolean, { defaultValue: true }) active: boolean = true;
  @Field(() => [ID], { nullable: true, description: 'Officers staffing this post; when given, replaces the current list.' })
  officerIds?: string[] | null;
}

@InputType()
export class ServicePostFilter {
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => String, { nullable: true }) q?: string | null;
  @Field(() => ID, { nullable: true }) kelurahanId?: string | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
}

/** Next opening of a weekly WIB schedule, or now when inside a slot. */
export function nextOpening(schedule: { weekday: number; opensAt: string; closesAt: string }[], now: Date): { openNow: boolean; at: Date | null } {
  const wibNow = wibWallClock(now);
  for (let d = 0; d < 8; d++) {
    const [y, m, dd] = [wibNow.getUTCFullYear(), wibNow.getUTCMonth(), wibNow.getUTCDate() + d];
    // Mon = 1 … Sun = 7, of the WIB calendar day.
    const weekday = new Date(Date.UTC(y, m, dd)).getUTCDay() || 7;
    const slots = schedule.filter((s) => s.weekday === weekday).sort((a, b) => a.opensAt.localeCompare(b.opensAt));
    for (const s of slots) {
      const at = (hhmm: string) => fromWib(y, m, dd, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)));
      if (now >= at(s.opensAt) && now < at(s.closesAt)) return { openNow: true, at: now };
      if (at(s.opensAt) > now) return { openNow: false, at: at(s.opensAt) };
    }
  }
  return { openNow: false, at: null };
}

export const servicePostService = new CrudService<ServicePost, ServicePostInput, ServicePostFilter>({
  entity: ServicePost,
  label: 'service post',
  sortable: { name: 'e.name', code: 'e.code', rw: 'e.rw' },
  searchable: ['e.name', 'e.code', 'e.address'],
  applyFilter(qb, f) {
    if (f.kelurahanId) qb.andWhere('e.kelurahanId = :k', { k: parseId(f.kelurahanId, 'filter.kelurahanId') });
    if (f.active != null) qb.andWhere('e.active = :a', { a: f.active });
  },
  async toRow(input, ctx) {
    input.schedule.forEach((slot, i) => {
      if (slot.closesAt <= slot.opensAt) throw AppError.field(`input.schedule.${i}.closesAt`, 'must be after opensAt');
    });
    return {
      code: input.code,
      name: input.name.trim(),
      kelurahanId: (await refId(ctx, Opd, input.kelurahanId, 'input.kelurahanId', (o) =>
        o.kind === OpdKind.KELURAHAN ? null : 'must be a kelurahan',
      ))!,
      rw: input.rw.padStart(2, '0'),
      address: input.address ?? '',
      schedule: input.schedule.map(({ weekday, opensAt, closesAt }) => ({ weekday, opensAt, closesAt })),
      active: input.active,
    };
  },
  async afterSave(row, tx, _existing, input) {
    if (input.officerIds == null) return;
    const ids = input.officerIds.map((id, i) => parseId(id, `input.officerIds.${i}`));
    const officers = await tx.getRepository(User).findBy({ id: In(ids) });
    const wrong = officers.find((u) => u.role !== Role.OFFICER);
    if (officers.length !== ids.length || wrong) {
      throw AppError.field('input.officerIds', wrong ? `${wrong.name} is not an officer` : 'no such user');
    }
    await tx.query('UPDATE app_user SET "servicePostId" = NULL WHERE "servicePostId" = $1 AND NOT (id = ANY($2::int[]))', [row.id, ids]);
    if (ids.length) await tx.query('UPDATE app_user SET "servicePostId" = $1 WHERE id = ANY($2::int[])', [row.id, ids]);
  },
});

@Resolver(() => ServicePost)
export class ServicePostResolver extends createCrudResolver({
  type: ServicePost, page: PageOf(ServicePost, 'ServicePostPage'), input: ServicePostInput, filter: ServicePostFilter,
  single: 'servicePost', plural: 'servicePosts', typeName: 'ServicePost',
  read: Permission.ORG_READ, manage: Permission.ORG_MANAGE, service: servicePostService,
}) {
  @FieldResolver(() => Opd, { nullable: true })
  kelurahan(@Root() p: ServicePost, @Ctx() ctx: Context) {
    return ctx.loaders.opd.load(p.kelurahanId);
  }

  @FieldResolver(() => Boolean, { description: 'Open right now (WIB schedule).' })
  openNow(@Root() p: ServicePost) {
    return nextOpening(p.schedule, new Date()).openNow;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'When the post next opens (now, if open).' })
  nextOpeningAt(@Root() p: ServicePost) {
    return nextOpening(p.schedule, new Date()).at;
  }

  @FieldResolver(() => [User], { description: 'Officers assigned to this post.' })
  officers(@Root() p: ServicePost, @Ctx() ctx: Context) {
    return ctx.loaders.officersByPost.load(p.id);
  }
}
