import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../modules/users/user.entity';

/** A token signed out on its device (`logout`), kept until it would have expired anyway. */
@Entity('revoked_token')
export class RevokedToken {
  @PrimaryColumn({ type: 'uuid' })
  jti: string;

  @Index()
  @Column({ type: 'int' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
