import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A reporter's photo from the public pages is uploaded by no account. */
export class CitizenPhotos1796701400000 implements MigrationInterface {
  name = 'CitizenPhotos1796701400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "complaint_attachment" ALTER COLUMN "uploadedById" DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The schema before had no place for a file without an uploader: reporters' photos lose their rows (their bytes stay in storage).
    await q.query(`DELETE FROM "complaint_attachment" WHERE "uploadedById" IS NULL`);
    await q.query(`ALTER TABLE "complaint_attachment" ALTER COLUMN "uploadedById" SET NOT NULL`);
  }
}
