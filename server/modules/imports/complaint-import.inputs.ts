import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ComplaintStatus } from '../complaints/complaint.enums';
import { ExternalSource } from '../external-refs/external-ref.entity';

export enum ImportFormat {
  CSV = 'CSV',
  JSON = 'JSON',
}
registerEnumType(ImportFormat, { name: 'ImportFormat' });

export enum ImportAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  UNCHANGED = 'UNCHANGED',
  REFUSE = 'REFUSE',
}
registerEnumType(ImportAction, { name: 'ImportAction', description: 'What an import does (or, in a dry run, would do) with a row' });

@InputType({ description: 'A status of the other system and ours.' })
export class ImportStatusInput {
  @Field(() => String) external: string;
  @Field(() => ComplaintStatus) status: ComplaintStatus;
}

@InputType({ description: 'Which column (CSV header or JSON key) holds each field, and how statuses translate.' })
export class ImportMappingInput {
  @Field(() => ExternalSource, { defaultValue: ExternalSource.SP4N_LAPOR }) source: ExternalSource;
  @Field(() => String) externalId: string;
  @Field(() => String) title: string;
  @Field(() => String) description: string;
  @Field(() => String, { nullable: true }) reporterName?: string | null;
  @Field(() => String, { nullable: true }) reporterPhone?: string | null;
  @Field(() => String, { nullable: true }) reporterEmail?: string | null;
  @Field(() => String, { nullable: true }) address?: string | null;
  @Field(() => String, { nullable: true, description: 'A column holding our category code.' }) category?: string | null;
  @Field(() => String, { nullable: true }) status?: string | null;
  @Field(() => [ImportStatusInput], { defaultValue: [] }) statuses: ImportStatusInput[];
}

@InputType()
export class ComplaintImportInput {
  @Field(() => ImportFormat) format: ImportFormat;
  @Field(() => String, { description: 'The file: CSV with a header row, or a JSON array of objects.' }) content: string;
  @Field(() => ImportMappingInput) mapping: ImportMappingInput;
  @Field(() => Boolean, { defaultValue: true, description: 'Report what would happen; change nothing.' }) dryRun: boolean;
  @Field(() => Int, { defaultValue: 0, description: 'Rows before this part of a larger file, so row numbers in the report are the file’s.' })
  rowOffset: number;
}

@ObjectType()
export class ImportRowResult {
  @Field(() => Int, { description: 'The data row in the file, from 1.' }) row: number;
  @Field(() => String, { nullable: true }) externalId: string | null;
  @Field(() => ImportAction) action: ImportAction;
  @Field(() => String, { nullable: true, description: 'Why it was refused, or what an update changes.' }) reason: string | null;
  @Field(() => String, { nullable: true }) trackingCode: string | null;
}

@ObjectType()
export class ComplaintImportReport {
  @Field(() => Boolean) dryRun: boolean;
  @Field(() => Int) rows: number;
  @Field(() => Int) created: number;
  @Field(() => Int) updated: number;
  @Field(() => Int) unchanged: number;
  @Field(() => Int) refused: number;
  @Field(() => [ImportRowResult]) results: ImportRowResult[];
}
