import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

function lscpuModel() {
  try {
    const line = execFileSync('lscpu', { encoding: 'utf8' }).split('\n').find((l) => l.startsWith('Model name:'));
    return line?.split(':')[1].trim();
  } catch {
    return undefined;
  }
}

export function machine() {
  return {
    nproc: cpus().length,
    cpu: lscpuModel() ?? cpus()[0]?.model,
    memory_gb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}
