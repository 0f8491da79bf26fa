import { IsBoolean, IsOptional, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class ServiceStandardInput {
  @Field(() => ID) opdId: string;
  @Field(() => String) @Length(3, 200) serviceName: string;
  @Field(() => String) @Length(3, 5000) requirements: string;
  @Field(() => String) @Length(3, 5000) procedure: string;
  @Field(() => String) @Length(1, 1000) timeLimit: string;
  @Field(() => String) @Length(1, 1000) fee: string;
  @Field(() => String) @Length(3, 2000) product: string;
  @Field(() => String) @Length(3, 2000) complaintHandling: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 5000) legalBasis?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 5000) facilities?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 5000) staffCompetence?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 5000) internalSupervision?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 1000) staffCount?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 5000) serviceGuarantee?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 5000) safetyGuarantee?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 5000) performanceEvaluation?: string | null;
  @Field(() => Boolean, { defaultValue: true }) @IsBoolean() active: boolean = true;
}

@InputType()
export class ServiceStandardFilter {
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => String, { nullable: true }) q?: string | null;
  @Field(() => ID, { nullable: true }) opdId?: string | null;
}
