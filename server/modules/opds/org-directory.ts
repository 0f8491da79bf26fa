import { OpdKind } from './opd-kind';
import type { DataSource } from 'typeorm';
import { Opd } from './opd.entity';

const TTL_MS = 30_000;

/**
 * The Opd tree held in memory (a city has a few hundred units), so row scope needs no
 * query per request. Refreshed every 30 s and right after a change in this process.
 */
export class OrgDirectory {
  private byId = new Map<number, Opd>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(private readonly db: DataSource) {}

  invalidate(): void {
    this.loadedAt = 0;
  }

  async ready(): Promise<this> {
    if (Date.now() - this.loadedAt < TTL_MS) return this;
    this.loading ??= this.db
      .getRepository(Opd)
      .find()
      .then((rows) => {
        this.byId = new Map(rows.map((o) => [o.id, o]));
        this.loadedAt = Date.now();
      })
      .finally(() => {
        this.loading = null;
      });
    await this.loading;
    return this;
  }

  get(id: number): Opd | undefined {
    return this.byId.get(id);
  }

  /** Is `opdId` the Opd `ancestorId` or somewhere below it? */
  isWithin(opdId: number | null | undefined, ancestorId: number): boolean {
    if (opdId == null) return false;
    const opd = this.byId.get(opdId);
    return !!opd && opd.path.includes(`/${ancestorId}/`);
  }

  subtreeIds(rootId: number): number[] {
    const marker = `/${rootId}/`;
    return [...this.byId.values()].filter((o) => o.path.includes(marker)).map((o) => o.id);
  }

  parentOf(id: number): Opd | undefined {
    const parentId = this.byId.get(id)?.parentId;
    return parentId ? this.byId.get(parentId) : undefined;
  }

  /** The nearest kecamatan at or above an Opd (public submissions are verified there). */
  kecamatanOf(id: number): Opd | undefined {
    let o = this.byId.get(id);
    while (o && o.kind !== 'KECAMATAN') o = o.parentId ? this.byId.get(o.parentId) : undefined;
    return o;
  }

  /** The structural unit an Opd belongs to: itself, or for a bidang the Opd above it (a bidang is part of its Opd). */
  unitOf(id: number): Opd | undefined {
    let o = this.byId.get(id);
    while (o && o.kind === OpdKind.BIDANG && o.parentId) o = this.byId.get(o.parentId);
    return o;
  }

  /** Both inside one structural unit (an Opd and its bidang): a forward between them keeps the unit's clock. */
  sameUnit(a: number | null | undefined, b: number | null | undefined): boolean {
    if (a == null || b == null) return false;
    const ua = this.unitOf(a);
    return !!ua && ua.id === this.unitOf(b)?.id;
  }

  byCode(code: string): Opd | undefined {
    return [...this.byId.values()].find((o) => o.code === code && o.active);
  }

  root(): Opd | undefined {
    return [...this.byId.values()].find((o) => o.parentId === null);
  }
}
