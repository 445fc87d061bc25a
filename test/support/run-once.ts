import fs from 'node:fs';
import path from 'node:path';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder that lives as long as one `vitest run` (test/support/global-setup.ts makes and removes it). */
    carebridgeRunDir: string;
    /** A short name for this run, unique among runs sharing the PostgreSQL server. */
    carebridgeRunId: string;
  }
}

/**
 * The run's folder and name, or undefined when the file runs without the global setup (it then builds for itself),
 * and outside a test worker (a benchmark, the global setup itself): vitest is loaded only inside one, where it can be.
 */
export async function currentRun(): Promise<{ dir: string; id: string } | undefined> {
  if (process.env.VITEST_WORKER_ID === undefined) return undefined;
  const { inject } = await import('vitest');
  const dir = inject('carebridgeRunDir') as string | undefined;
  const id = inject('carebridgeRunId') as string | undefined;
  return dir === undefined || id === undefined ? undefined : { dir, id };
}

const POLL_MS = 100;
const WAIT_MS = 170_000; // under vitest's hook timeout, so a stuck build fails with this message rather than a timeout

/**
 * Builds something once per `vitest run` however many test files (in however many workers) ask for it:
 * the first asker takes a lock (an atomic mkdir), builds into `<run>/<name>/` and writes what the build
 * returned; the others wait for that. A failed build is written too, so the waiters fail with its message.
 * Without the global setup (a file run on its own through another config) it builds into a fresh folder.
 */
export async function onceForRun<T>(name: string, build: (dir: string) => Promise<T>): Promise<T> {
  const run = await currentRun();
  if (run === undefined) return build(fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', `carebridge-${name}-`)));
  const dir = path.join(run.dir, name);
  const done = path.join(run.dir, `${name}.json`);
  if (takeLock(`${dir}.lock`)) {
    let outcome: { ok: true; value: T } | { ok: false; message: string };
    try {
      fs.mkdirSync(dir, { recursive: true });
      outcome = { ok: true, value: await build(dir) };
    } catch (e) {
      outcome = { ok: false, message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
    fs.writeFileSync(`${done}.tmp`, JSON.stringify(outcome));
    fs.renameSync(`${done}.tmp`, done);
    if (!outcome.ok) throw new Error(`building ${name} failed: ${outcome.message}`);
    return outcome.value;
  }
  const deadline = Date.now() + WAIT_MS;
  while (!fs.existsSync(done)) {
    if (Date.now() > deadline) throw new Error(`waited ${WAIT_MS / 1000} s for another test file to build ${name}`);
    // A builder whose file timed out is ended with its worker before it writes anything: build it here instead.
    if (builderGone(`${dir}.lock`)) {
      fs.rmSync(`${dir}.lock`, { recursive: true, force: true });
      fs.rmSync(dir, { recursive: true, force: true });
      return onceForRun(name, build);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const outcome = JSON.parse(fs.readFileSync(done, 'utf8')) as { ok: true; value: T } | { ok: false; message: string };
  if (!outcome.ok) throw new Error(`building ${name} failed in another test file: ${outcome.message}`);
  return outcome.value;
}

/** An atomic mkdir: true for the one process that made it, which then writes its pid there. */
function takeLock(lock: string): boolean {
  try {
    fs.mkdirSync(lock);
  } catch {
    return false; // another file is building it (or has built it)
  }
  fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
  return true;
}

function builderGone(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
  } catch {
    return false; // the lock is being taken right now
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}
