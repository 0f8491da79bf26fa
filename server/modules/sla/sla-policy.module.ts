import { TrimmedLength } from '../../core/validators';
import { IsInt, Length, Matches, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int, Resolver } from 'type-graphql';
import { createCrudResolver, CrudService } from '../../core/crud';
import { PageOf } from '../../core/paging';
import { Permission } from '../../auth/permissions';
import { CODE_MESSAGE, CODE_PATTERN } from '../opds/opd.inputs';
import { SlaCalendarKind, SlaPolicy, SlaUnitKind } from './sla-policy.entity';

@InputType()
export class SlaPolicyInput {
  @Field(() => String) @Length(1, 40) @Matches(CODE_PATTERN, { message: CODE_MESSAGE }) code: string;
  @Field(() => String) @TrimmedLength(2, 200) name: string;
  @Field(() => SlaCalendarKind) calendar: SlaCalendarKind;
  @Field(() => Int) @IsInt() @Min(1) @Max(1000) verifyWithin: number;
  @Field(() => SlaUnitKind) verifyUnit: SlaUnitKind;
  @Field(() => Int) @IsInt() @Min(1) @Max(1000) respondWithin: number;
  @Field(() => SlaUnitKind) respondUnit: SlaUnitKind;
  @Field(() => Int, { defaultValue: 10 }) @IsInt() @Min(1) @Max(365) autoCloseAfterDays: number = 10;
  @Field(() => Boolean, { defaultValue: false }) isDefault: boolean = false;
}

@InputType()
export class SlaPolicyFilter {
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => String, { nullable: true }) q?: string | null;
}

export const slaPolicyService = new CrudService<SlaPolicy, SlaPolicyInput, SlaPolicyFilter>({
  entity: SlaPolicy,
  label: 'SLA policy',
  afterCommit: (ctx) => ctx.services.sla.invalidatePolicies(),
  sortable: { name: 'e.name', code: 'e.code' },
  searchable: ['e.name', 'e.code'],
  toRow: (input) => ({ ...input }),
  async afterSave(row, tx) {
    // Exactly one default policy: choosing a new default demotes the old one.
    if (row.isDefault) await tx.query('UPDATE sla_policy SET "isDefault" = false WHERE id <> $1 AND "isDefault"', [row.id]);
  },
});

@Resolver(() => SlaPolicy)
export class SlaPolicyResolver extends createCrudResolver({
  type: SlaPolicy, page: PageOf(SlaPolicy, 'SlaPolicyPage'), input: SlaPolicyInput, filter: SlaPolicyFilter,
  single: 'slaPolicy', plural: 'slaPolicies', typeName: 'SlaPolicy',
  read: Permission.ORG_READ, manage: Permission.ORG_MANAGE, service: slaPolicyService,
}) {}
