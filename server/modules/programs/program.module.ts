import { TrimmedLength } from '../../core/validators';
import { IsOptional, Length, Matches } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import { Requires } from '../../auth/requires';
import type { Context } from '../../core/context';
import { createCrudResolver, CrudService } from '../../core/crud';
import { AppError, parseId } from '../../core/errors';
import { PageOf } from '../../core/paging';
import { refId } from '../../core/refs';
import { Permission } from '../../auth/permissions';
import { Opd } from '../opds/opd.entity';
import { CODE_MESSAGE, CODE_PATTERN } from '../opds/opd.inputs';
import { Program } from './program.entity';
import { wibDate } from '../../core/wib';

@InputType()
export class ProgramInput {
  @Field(() => String) @Length(1, 40) @Matches(CODE_PATTERN, { message: CODE_MESSAGE }) code: string;
  @Field(() => String) @TrimmedLength(2, 200) name: string;
  @Field(() => ID, { nullable: true }) ownerOpdId?: string | null;
  @Field(() => String, { defaultValue: '' }) @IsOptional() @Length(0, 5000) description: string = '';
  @Field(() => String, { defaultValue: '' }) @IsOptional() @Length(0, 5000) eligibility: string = '';
  @Field(() => String, { defaultValue: '' }) @IsOptional() @Length(0, 5000) benefits: string = '';
  @Field(() => String, { defaultValue: '' }) @IsOptional() @Length(0, 1000) contact: string = '';
  @Field(() => LocalDateResolver, { nullable: true }) startsOn?: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) endsOn?: string | null;
  @Field(() => Boolean, { defaultValue: true }) active: boolean = true;
}

@InputType()
export class ProgramFilter {
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => String, { nullable: true }) q?: string | null;
  @Field(() => ID, { nullable: true }) ownerOpdId?: string | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
}

export const programService = new CrudService<Program, ProgramInput, ProgramFilter>({
  entity: Program,
  label: 'programme',
  sortable: { name: 'e.name', code: 'e.code', startsOn: 'e.startsOn' },
  searchable: ['e.name', 'e.code', 'e.description'],
  applyFilter(qb, f) {
    if (f.ownerOpdId) qb.andWhere('e.ownerOpdId = :o', { o: parseId(f.ownerOpdId, 'filter.ownerOpdId') });
    if (f.active != null) qb.andWhere('e.active = :a', { a: f.active });
  },
  async toRow(input, ctx) {
    if (input.startsOn && input.endsOn && input.endsOn < input.startsOn) {
      throw AppError.field('input.endsOn', 'must not be before startsOn');
    }
    return {
      code: input.code,
      name: input.name.trim(),
      ownerOpdId: await refId(ctx, Opd, input.ownerOpdId, 'input.ownerOpdId'),
      description: input.description ?? '',
      eligibility: input.eligibility ?? '',
      benefits: input.benefits ?? '',
      contact: input.contact ?? '',
      startsOn: input.startsOn ?? null,
      endsOn: input.endsOn ?? null,
      active: input.active,
    };
  },
});

@Resolver(() => Program)
export class ProgramResolver extends createCrudResolver({
  type: Program, page: PageOf(Program, 'ProgramPage'), input: ProgramInput, filter: ProgramFilter,
  single: 'program', plural: 'programs', typeName: 'Program',
  read: Permission.ORG_READ, manage: Permission.ORG_MANAGE, service: programService,
}) {
  @Requires(Permission.PUBLIC)
  @Query(() => [Program], { description: 'Active programmes with their information, for citizens and external apps.' })
  async publicPrograms(@Ctx() ctx: Context) {
    const today = wibDate();
    return ctx.db
      .getRepository(Program)
      .createQueryBuilder('p')
      .where('p.active AND (p.startsOn IS NULL OR p.startsOn <= :today) AND (p.endsOn IS NULL OR p.endsOn >= :today)', { today })
      .orderBy('p.name')
      .getMany();
  }

  @FieldResolver(() => Opd, { nullable: true })
  ownerOpd(@Root() p: Program, @Ctx() ctx: Context) {
    return p.ownerOpdId ? ctx.loaders.opd.load(p.ownerOpdId) : null;
  }
}
