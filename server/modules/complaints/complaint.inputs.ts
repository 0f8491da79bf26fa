import { IsEmail, IsLatitude, IsLongitude, IsOptional, Length, Matches } from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';
import { ExternalSource } from '../external-refs/external-ref.entity';
import { Channel, ComplaintStatus, ComplaintType, ProgressStage } from './complaint.enums';

@InputType({ description: 'A new complaint. Reporter fields are optional, but give at least one way to reach the reporter.' })
export class ComplaintInput {
  @Field(() => ComplaintType, { defaultValue: ComplaintType.COMPLAINT })
  type: ComplaintType = ComplaintType.COMPLAINT;

  @Field(() => Channel, { nullable: true, description: 'Officers always record SERVICE_POST; the public defaults to WEB.' })
  channel?: Channel | null;

  @Field(() => String) @Length(5, 200) title: string;
  @Field(() => String) @Length(10, 10000) description: string;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => ID, { nullable: true }) programId?: string | null;

  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 300) address?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^\d{1,3}$/, { message: 'must be an RT number' }) rt?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^\d{1,3}$/, { message: 'must be an RW number' }) rw?: string | null;
  @Field(() => ID, { nullable: true }) kelurahanId?: string | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsLatitude() latitude?: number | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsLongitude() longitude?: number | null;

  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 200) reporterName?: string | null;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\d{16}$/, { message: 'NIK must be 16 digits' })
  reporterNik?: string | null;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\+?[0-9 -]{6,20}$/, { message: 'must be a phone number' })
  reporterPhone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail() reporterEmail?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 300) reporterAddress?: string | null;

  @Field(() => ExternalSource, { nullable: true, description: 'With externalId: the system this complaint also lives in (e.g. its SP4N-LAPOR! ID).' })
  externalSource?: ExternalSource | null;
  @Field(() => String, { nullable: true, description: 'Its tracking ID there; unique per source.' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:/-]{1,100}$/, { message: 'must be 1–100 letters, digits or . _ : / -' })
  externalId?: string | null;
  @Field(() => Boolean, { defaultValue: false }) anonymous: boolean = false;
  @Field(() => Boolean, { defaultValue: false }) confidential: boolean = false;
  @Field(() => Boolean, { defaultValue: true, description: 'Send the reporter updates at the phone or e-mail given (the receipt always goes).' })
  notifyReporter: boolean = true;
}

@InputType()
export class ComplaintFilter {
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => String, {
    nullable: true,
    description:
      "Searches tracking code, title, description and the reporter's name (an anonymous reporter's only for those who may see it); a tracking code or its start (MGL-2611) finds codes beginning so; an external ID (e.g. the SP4N-LAPOR! ID) exactly.",
  })
  q?: string | null;
  @Field(() => [ComplaintStatus], { nullable: true }) status?: ComplaintStatus[] | null;
  @Field(() => ProgressStage, { nullable: true }) progressStage?: ProgressStage | null;
  @Field(() => Channel, { nullable: true }) channel?: Channel | null;
  @Field(() => ComplaintType, { nullable: true }) type?: ComplaintType | null;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => ID, { nullable: true }) programId?: string | null;
  @Field(() => ID, { nullable: true }) intakeOpdId?: string | null;
  @Field(() => ID, { nullable: true }) currentOpdId?: string | null;
  @Field(() => ID, { nullable: true }) assigneeId?: string | null;
  @Field(() => ID, { nullable: true }) servicePostId?: string | null;
  @Field(() => Boolean, { nullable: true }) overdue?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Only complaints escalated to your unit (or below it) and not yet moved on: the "Eskalasi" view.' })
  escalatedToMe?: boolean | null;
  @Field(() => Date, { nullable: true }) createdFrom?: Date | null;
  @Field(() => Date, { nullable: true }) createdTo?: Date | null;
}

@InputType({ description: 'Which changes to receive; all fields optional.' })
export class ComplaintChangedFilter {
  @Field(() => ID, { nullable: true }) complaintId?: string | null;
  @Field(() => [ComplaintStatus], { nullable: true }) status?: ComplaintStatus[] | null;
  @Field(() => ID, { nullable: true, description: 'Only complaints currently at this Opd or below it.' }) currentOpdId?: string | null;
}
