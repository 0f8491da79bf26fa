import { TrimmedLength } from '../../core/validators';
import { IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { OpdKind } from './opd-kind';

export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9._-]*$/;
export const CODE_MESSAGE = 'use capital letters, digits, dot, dash or underscore';

@InputType()
export class OpdInput {
  @Field(() => String)
  @Length(1, 40)
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code: string;

  @Field(() => String)
  @TrimmedLength(2, 200)
  name: string;

  @Field(() => OpdKind)
  kind: OpdKind;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/, { message: 'must be a Kemendagri code like 33.71.03 or 33.71.03.1001' })
  regionCode?: string | null;

  @Field(() => Boolean, { defaultValue: true })
  active: boolean = true;
}

@InputType()
export class OpdFilter {
  @Field(() => [ID], { nullable: true })
  ids?: string[] | null;

  @Field(() => String, { nullable: true })
  q?: string | null;

  @Field(() => OpdKind, { nullable: true })
  kind?: OpdKind | null;

  @Field(() => [OpdKind], { nullable: true })
  kinds?: OpdKind[] | null;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The Opd and everything below it.' })
  withinId?: string | null;

  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only Opds that can receive forwarded complaints (active, with a unit head).' })
  canReceive?: boolean | null;
}
