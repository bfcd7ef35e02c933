import { fork, spawn } from 'node:child_process';
import { join } from 'node:path';
import { WORKERS } from './paths.mjs';

/**
 * Runs a bench worker in its own node process (so its memory, JIT state and silenced
 * stdout are its own) and resolves with its final `{result}` message. `onMessage` sees
 * the other messages (phase marks) and may answer through the returned child.
 */
export function runWorker(name, { args = [], env = {}, onMessage, timeoutMs = 600_000, execArgv = [] } = {}) {
  return new Promise((resolve, reject) => {
    const child = fork(join(WORKERS, name), args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      execArgv,
    });
    let stderr = '';
    let result;
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('message', (message) => {
      if (message && message.result !== undefined) result = message.result;
      else onMessage?.(message, child);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (result !== undefined && code === 0) resolve(result);
      else reject(new Error(`bench worker ${name} exited with ${signal ?? code}${result === undefined ? ' without a result' : ''}\n${stderr.slice(-4000)}`));
    });
  });
}

/** Wall time of one whole process, spawn to exit, in ms; rejects on an unexpected exit code. */
export function timeProcess(command, args, { env = {}, okCodes = [0], cwd } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (okCodes.includes(code)) resolve({ ms, code, stdout, stderr });
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}\n${stderr.slice(-2000)}${stdout.slice(-2000)}`));
    });
  });
}
