import { ByIdLoader } from '../../server/app/loaders';

type Row = { id: number; name: string };

describe('ByIdLoader', () => {
  const make = (asked: number[][]) =>
    new ByIdLoader<Row>(async (ids) => {
      asked.push([...ids]);
      return ids.map((id) => ({ id, name: `loaded ${id}` }));
    });

  it('answers what it was told at once, and loads the rest in one batch', async () => {
    const asked: number[][] = [];
    const loader = make(asked);
    loader.know({ id: 1, name: 'preloaded' });
    expect(loader.get(1)).toEqual({ id: 1, name: 'preloaded' });
    const [two, three] = [loader.get(2), loader.get(3)];
    expect(two).toBeInstanceOf(Promise);
    expect(await Promise.all([two, three, loader.load(1)])).toEqual([
      { id: 2, name: 'loaded 2' },
      { id: 3, name: 'loaded 3' },
      { id: 1, name: 'preloaded' },
    ]);
    expect(asked).toEqual([[2, 3]]);
  });

  it('forgets on clear and replaces on know, so no stale row is answered', async () => {
    const asked: number[][] = [];
    const loader = make(asked);
    loader.know({ id: 1, name: 'old' });
    loader.know({ id: 1, name: 'new' });
    expect(loader.get(1)).toEqual({ id: 1, name: 'new' });
    expect(await loader.load(1)).toEqual({ id: 1, name: 'new' });
    loader.clear(1);
    expect(await loader.get(1)).toEqual({ id: 1, name: 'loaded 1' });
    loader.know({ id: 5, name: 'five' });
    loader.clearAll();
    const five = loader.get(5);
    expect(five).toBeInstanceOf(Promise);
    expect(await five).toEqual({ id: 5, name: 'loaded 5' });
    expect(asked).toEqual([[1], [5]]);
  });
});
