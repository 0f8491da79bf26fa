import { lazy, type ComponentType } from 'react';

/**
 * A page whose code is downloaded when it is first opened (the layout shows react-admin's
 * loading indicator meanwhile), so the login form and the inbox do not wait for it on a slow link.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const lazyPage = <M>(load: () => Promise<M>, pick: (module: M) => ComponentType<any>) => lazy(async () => ({ default: pick(await load()) }));
