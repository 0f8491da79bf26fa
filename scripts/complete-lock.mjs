#!/usr/bin/env node
// The registry this project installs from carries only the Linux builds of rollup's
// platform packages, so `npm install` leaves the others out of package-lock.json and
// `npm ci` then refuses the lock. This records them as optional entries for their own
// os/cpu, which npm ci skips here exactly as it would with a complete lock.
import fs from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const CPUS = ['arm64', 'x64', 'ia32', 'arm', 'riscv64', 'ppc64', 's390x', 'loong64'];
let added = 0;
for (const [where, pkg] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    if (!name.startsWith('@rollup/rollup-')) continue;
    const key = `${where ? `${where}/` : ''}node_modules/${name}`.replace(/^\//, '');
    if (lock.packages[key] || lock.packages[`node_modules/${name}`]) continue;
    const parts = name.slice('@rollup/rollup-'.length).split('-');
    const os = parts[0] === 'win32' ? 'win32' : parts[0];
    const cpu = CPUS.find((c) => parts[1]?.startsWith(c)) ?? parts[1];
    const libc = parts.includes('musl') || parts.includes('musleabihf') ? 'musl' : parts[0] === 'linux' ? 'glibc' : undefined;
    lock.packages[`node_modules/${name}`] = {
      version,
      cpu: [cpu],
      dev: true,
      license: 'MIT',
      optional: true,
      os: [os],
      ...(libc ? { libc: [libc] } : {}),
    };
    added += 1;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lock: ${added} platform entries added`);
