import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Complaint, ComplaintEvent } from '../complaints/complaint.entity';
import { User } from '../users/user.entity';
import { AttachmentKind, AttachmentStatus, AttachmentVisibility } from './attachment.enums';

registerEnumType(AttachmentVisibility, {
  name: 'AttachmentVisibility',
  description:
    'PUBLIC: also on the tracking page, and the first such photo of a complaint neither confidential nor anonymous is Open311’s media_url; INTERNAL: staff; IDENTITY: a KTP/KK scan, only for those who see the reporter’s identity',
});
registerEnumType(AttachmentStatus, { name: 'AttachmentStatus' });
registerEnumType(AttachmentKind, { name: 'AttachmentKind' });

/**
 * A photo or document on a complaint. The row is created with its upload ticket, gets its bytes
 * over HTTP (attachment.routes.ts), joins the complaint with an ATTACHMENT_ADDED event and, when
 * deleted, loses its bytes but stays with the ATTACHMENT_REMOVED event that says who and why.
 */
@ObjectType({ description: 'A photo or document attached to a complaint; only files you may see are listed.' })
@Entity('complaint_attachment')
@Index(['complaintId', 'status'])
@Index(['eventId'])
export class Attachment {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => ID)
  @Column({ type: 'int' })
  complaintId: number;

  @ManyToOne(() => Complaint, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complaintId' })
  complaint?: Complaint;

  @Field(() => AttachmentStatus)
  @Column({ type: 'varchar', length: 10 })
  status: AttachmentStatus;

  @Field(() => AttachmentVisibility)
  @Column({ type: 'varchar', length: 10 })
  visibility: AttachmentVisibility;

  @Field(() => AttachmentKind, { nullable: true, description: 'Known once the bytes arrived.' })
  @Column({ type: 'varchar', length: 10, nullable: true })
  kind: AttachmentKind | null;

  @Field(() => String, { description: 'As the uploader named it (the stored file is named by the server).' })
  @Column({ type: 'varchar', length: 200 })
  fileName: string;

  @Field(() => String, { nullable: true, description: 'Decided from the content, never from the name.' })
  @Column({ type: 'varchar', length: 50, nullable: true })
  mimeType: string | null;

  @Field(() => Int, { nullable: true, description: 'Bytes as stored (an image after re-encoding).' })
  @Column({ type: 'int', nullable: true })
  size: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  width: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  height: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  sha256: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  storageKey: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  thumbnailKey: string | null;

  /** sha256 of the single-use upload token; null once used. */
  @Index({ unique: true, where: '"uploadTokenHash" IS NOT NULL' })
  @Column({ type: 'varchar', length: 64, nullable: true })
  uploadTokenHash: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  uploadExpiresAt: Date | null;

  @Field(() => ID, { nullable: true, description: 'The ATTACHMENT_ADDED entry of the timeline.' })
  @Column({ type: 'int', nullable: true })
  eventId: number | null;

  @ManyToOne(() => ComplaintEvent, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'eventId' })
  event?: ComplaintEvent | null;

  @Field(() => ID, { nullable: true, description: 'The progress entry or answer this file documents, when it belongs to one.' })
  @Column({ type: 'int', nullable: true })
  forEventId: number | null;

  @ManyToOne(() => ComplaintEvent, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'forEventId' })
  forEvent?: ComplaintEvent | null;

  @Field(() => ID, { nullable: true, description: 'Null: the reporter sent it with the report or a reply on the public pages.' })
  @Column({ type: 'int', nullable: true })
  uploadedById: number | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'uploadedById' })
  uploadedBy?: User | null;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  removedAt: Date | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'int', nullable: true })
  removedById: number | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'removedById' })
  removedBy?: User | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  removeReason: string | null;
}
