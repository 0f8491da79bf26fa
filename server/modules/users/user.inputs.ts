import { TrimmedLength } from '../../core/validators';
import { IsEmail, IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Role } from '../../auth/roles';

@InputType()
export class UserInput {
  @Field(() => String)
  @Length(3, 60)
  @Matches(/^[a-z0-9][a-z0-9._-]*$/, { message: 'use lower-case letters, digits, dot, dash or underscore' })
  username: string;

  @Field(() => String) @TrimmedLength(2, 200) name: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^\+?[0-9 -]{6,20}$/, { message: 'must be a phone number' }) phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail() email?: string | null;
  @Field(() => ID) opdId: string;
  @Field(() => ID, { nullable: true }) servicePostId?: string | null;
  @Field(() => Role) role: Role;
  @Field(() => Boolean, { defaultValue: true }) active: boolean = true;
  @Field(() => Boolean, { defaultValue: false, description: 'Unit staff only: may publish progress to the reporter.' }) mayPublish: boolean = false;

  @Field(() => String, { nullable: true, description: 'Required when creating; leave empty to keep the current password.' })
  @IsOptional()
  @Length(8, 200)
  password?: string | null;
}

@InputType()
export class UserFilter {
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => String, { nullable: true }) q?: string | null;
  @Field(() => ID, { nullable: true }) opdId?: string | null;
  @Field(() => Role, { nullable: true }) role?: Role | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
}
