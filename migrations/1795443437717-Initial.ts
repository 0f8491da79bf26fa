import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795443437717 implements MigrationInterface {
  name = 'Initial1795443437717';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"opd\" (\"id\" SERIAL NOT NULL, \"code\" character varying(40) NOT NULL, \"name\" character varying(200) NOT NULL, \"kind\" character varying(20) NOT NULL, \"parentId\" integer, \"path\" character varying(400) NOT NULL DEFAULT '/', \"regionCode\" character varying(20), \"active\" boolean NOT NULL DEFAULT true, \"createdAt\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updatedAt\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_dbb2120c6f56ac31e1bd5bd512e\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"IDX_55a160a7e2981c19ca9b6cebfb\" ON \"opd\"  (\"code\") ");
    await q.query("CREATE INDEX \"IDX_916717f705e4d84132ab2ce009\" ON \"opd\"  (\"parentId\") ");
    await q.query("CREATE INDEX \"IDX_d36aa84dd699415f6a3db55913\" ON \"opd\"  (\"path\") ");
    await q.query("CREATE UNIQUE INDEX \"IDX_570dc4e308fa54de2adacbd3d9\" ON \"opd\"  (\"regionCode\") WHERE \"regionCode\" IS NOT NULL");
    await q.query("CREATE TABLE \"sla_policy\" (\"id\" SERIAL NOT NULL, \"code\" character varying(40) NOT NULL, \"name\" character varying(200) NOT NULL, \"calendar\" character varying(20) NOT NULL DEFAULT 'WORKING_DAYS', \"verifyWithin\" integer NOT NULL, \"verifyUnit\" character varying(10) NOT NULL, \"respondWithin\" integer NOT NULL, \"respondUnit\" character varying(10) NOT NULL, \"autoCloseAfterDays\" integer NOT NULL DEFAULT '10', \"isDefault\" boolean NOT NULL DEFAULT false, CONSTRAINT \"PK_19c1aa9dd53b9fc80648ae034b4\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"IDX_7f718ed311e6710564a1b89cef\" ON \"sla_policy\"  (\"code\") ");
    await q.query("CREATE TABLE \"category\" (\"id\" SERIAL NOT NULL, \"code\" character varying(40) NOT NULL, \"name\" character varying(200) NOT NULL, \"description\" text NOT NULL DEFAULT '', \"defaultOpdId\" integer, \"slaPolicyId\" integer, \"active\" boolean NOT NULL DEFAULT true, CONSTRAINT \"PK_9c4e4a89e3674fc9f382d733f03\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"IDX_652a15c02538138f021f1320de\" ON \"category\"  (\"code\") ");
    await q.query("CREATE TABLE \"holiday\" (\"id\" SERIAL NOT NULL, \"date\" date NOT NULL, \"name\" character varying(200) NOT NULL, \"kind\" character varying(20) NOT NULL, CONSTRAINT \"PK_3e7492c25f80418a7aad0aec053\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"IDX_89b26e4ed3db8895b86c8df55e\" ON \"holiday\"  (\"date\") ");
    await q.query("CREATE TABLE \"program\" (\"id\" SERIAL NOT NULL, \"code\" character varying(40) NOT NULL, \"name\" character varying(200) NOT NULL, \"ownerOpdId\" integer, \"description\" text NOT NULL DEFAULT '', \"eligibility\" text NOT NULL DEFAULT '', \"benefits\" text NOT NULL DEFAULT '', \"contact\" text NOT NULL DEFAULT '', \"startsOn\" date, \"endsOn\" date, \"active\" boolean NOT NULL DEFAULT true, CONSTRAINT \"PK_3bade5945afbafefdd26a3a29fb\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"IDX_c6b8c4c1adba14ec96387d3c00\" ON \"program\"  (\"code\") ");
    await q.query("CREATE TABLE \"service_post\" (\"id\" SERIAL NOT NULL, \"code\" character varying(40) NOT NULL, \"name\" character varying(200) NOT NULL, \"kelurahanId\" integer NOT NULL, \"rw\" character varying(10) NOT NULL, \"address\" character varying(300) NOT NULL DEFAULT '', \"schedule\" jsonb NOT NULL DEFAULT '[]', \"active\" boolean NOT NULL DEFAULT true, CONSTRAINT \"PK_1ade4f22a40c8376fec6248aafc\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"IDX_483cf6829095694048bfcef47c\" ON \"service_post\"  (\"code\") ");
    await q.query("CREATE INDEX \"IDX_cc393f1786521fdde7024cc4fe\" ON \"service_post\"  (\"kelurahanId\") ");
    await q.query("CREATE TABLE \"app_user\" (\"id\" SERIAL NOT NULL, \"username\" character varying(60) NOT NULL, \"name\" character varying(200) NOT NULL, \"phone\" character varying(30), \"email\" character varying(200), \"opdId\" integer NOT NULL, \"servicePostId\" integer, \"role\" character varying(20) NOT NULL, \"active\" boolean NOT NULL DEFAULT true, \"passwordHash\" character varying(200) NOT NULL, \"failedLogins\" integer NOT NULL DEFAULT '0', \"lockedUntil\" TIMESTAMP WITH TIME ZONE, \"lastLoginAt\" TIMESTAMP WITH TIME ZONE, \"createdAt\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updatedAt\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_22a5c4a3d9b2fb8e4e73fc4ada1\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"IDX_c480e576dd71729addbc2d51b6\" ON \"app_user\"  (\"username\") ");
    await q.query("CREATE INDEX \"IDX_d4dde151cd09a14013cce6b1f9\" ON \"app_user\"  (\"opdId\") ");
    await q.query("ALTER TABLE \"opd\" ADD CONSTRAINT \"FK_916717f705e4d84132ab2ce0099\" FOREIGN KEY (\"parentId\") REFERENCES \"opd\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"category\" ADD CONSTRAINT \"FK_b70deac3180802fe31dc2e7ba9e\" FOREIGN KEY (\"defaultOpdId\") REFERENCES \"opd\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"category\" ADD CONSTRAINT \"FK_7ea2a0407d558a13b02234526d4\" FOREIGN KEY (\"slaPolicyId\") REFERENCES \"sla_policy\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"program\" ADD CONSTRAINT \"FK_ee0a7596b109d85c67552d648f8\" FOREIGN KEY (\"ownerOpdId\") REFERENCES \"opd\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"service_post\" ADD CONSTRAINT \"FK_cc393f1786521fdde7024cc4fed\" FOREIGN KEY (\"kelurahanId\") REFERENCES \"opd\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"app_user\" ADD CONSTRAINT \"FK_d4dde151cd09a14013cce6b1f94\" FOREIGN KEY (\"opdId\") REFERENCES \"opd\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"app_user\" ADD CONSTRAINT \"FK_bd5dbd77e125e48d2eea6a5226b\" FOREIGN KEY (\"servicePostId\") REFERENCES \"service_post\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE \"app_user\" DROP CONSTRAINT \"FK_bd5dbd77e125e48d2eea6a5226b\"");
    await q.query("ALTER TABLE \"app_user\" DROP CONSTRAINT \"FK_d4dde151cd09a14013cce6b1f94\"");
    await q.query("ALTER TABLE \"service_post\" DROP CONSTRAINT \"FK_cc393f1786521fdde7024cc4fed\"");
    await q.query("ALTER TABLE \"program\" DROP CONSTRAINT \"FK_ee0a7596b109d85c67552d648f8\"");
    await q.query("ALTER TABLE \"category\" DROP CONSTRAINT \"FK_7ea2a0407d558a13b02234526d4\"");
    await q.query("ALTER TABLE \"category\" DROP CONSTRAINT \"FK_b70deac3180802fe31dc2e7ba9e\"");
    await q.query("ALTER TABLE \"opd\" DROP CONSTRAINT \"FK_916717f705e4d84132ab2ce0099\"");
    await q.query("DROP INDEX \"public\".\"IDX_d4dde151cd09a14013cce6b1f9\"");
    await q.query("DROP INDEX \"public\".\"IDX_c480e576dd71729addbc2d51b6\"");
    await q.query("DROP TABLE \"app_user\"");
    await q.query("DROP INDEX \"public\".\"IDX_cc393f1786521fdde7024cc4fe\"");
    await q.query("DROP INDEX \"public\".\"IDX_483cf6829095694048bfcef47c\"");
    await q.query("DROP TABLE \"service_post\"");
    await q.query("DROP INDEX \"public\".\"IDX_c6b8c4c1adba14ec96387d3c00\"");
    await q.query("DROP TABLE \"program\"");
    await q.query("DROP INDEX \"public\".\"IDX_89b26e4ed3db8895b86c8df55e\"");
    await q.query("DROP TABLE \"holiday\"");
    await q.query("DROP INDEX \"public\".\"IDX_652a15c02538138f021f1320de\"");
    await q.query("DROP TABLE \"category\"");
    await q.query("DROP INDEX \"public\".\"IDX_7f718ed311e6710564a1b89cef\"");
    await q.query("DROP TABLE \"sla_policy\"");
    await q.query("DROP INDEX \"public\".\"IDX_570dc4e308fa54de2adacbd3d9\"");
    await q.query("DROP INDEX \"public\".\"IDX_d36aa84dd699415f6a3db55913\"");
    await q.query("DROP INDEX \"public\".\"IDX_916717f705e4d84132ab2ce009\"");
    await q.query("DROP INDEX \"public\".\"IDX_55a160a7e2981c19ca9b6cebfb\"");
    await q.query("DROP TABLE \"opd\"");
  }
}
