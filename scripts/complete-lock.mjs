// Completes package-lock.json with the other platforms' optional binaries (@swc/core-*,
// @unrs/resolver-binding-*) that the registry reachable here does not serve: npm records
// them as optional dependencies but cannot write their entries, and `npm ci` then refuses
// the lock as out of sync. Each entry carries the os/cpu that npm uses to skip it on other
// machines. Run after every `npm install`: node scripts/complete-lock.mjs package-lock.json
import { readFileSync, writeFileSync } from 'node:fs';
const file = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(readFileSync(file, 'utf8'));
const pkgs = lock.packages;
let added = 0;
for (const meta of Object.values(pkgs)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (pkgs[key]) continue;
    const m = /-(darwin|linux|win32|android|freebsd|openharmony)-([a-z0-9]+)/.exec(name);
    if (!m) { console.error('cannot place', name); continue; }
    pkgs[key] = { version, cpu: [m[2]], dev: meta.dev ?? false, license: meta.license, optional: true, os: [m[1]] };
    added++;
  }
}
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log('added', added);
