import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { DatabaseServer } from '@slipway/backstage-plugin-slipway-node';
import { assertCopyName, assertPlainName } from './copyNames';
import { libpqEnvironment } from './pgConnection';

/** How far a copy is. */
export interface CopyProgress {
  /** Tables whose data pg_restore has started on (the previous ones are done). */
  tablesStarted: number;
  /** Bytes of the archive streamed from pg_dump into pg_restore. */
  bytes: number;
  /** What pg_restore does now: `schema`, `data` or `indexes and constraints`. */
  phase: 'schema' | 'data' | 'indexes and constraints';
}

/** A copy's source and target, and what to do on the way. */
export interface DumpIntoRestoreOptions {
  source: { server: DatabaseServer; database: string };
  target: { server: DatabaseServer; database: string };
  /** Folder of pg_dump and pg_restore; PATH when undefined. */
  binDir?: string;
  signal: AbortSignal;
  onProgress?(progress: CopyProgress): void;
}

/** Kept of each tool's stderr for an error message: enough to say why, never the whole verbose log. */
const TAIL_LINES = 8;

/**
 * Streams `pg_dump --format=custom` of the source into `pg_restore` of the (empty) target, through this process and
 * nowhere else: no file is written on the backend's disk. The archive is not compressed, because it only crosses a
 * local pipe (compressing it would cost CPU for nothing). Schema, data, sequences with their values, indexes,
 * constraints, triggers and comments are copied; owners, privileges, tablespaces, publications and subscriptions
 * are not (a copy belongs to its own role, and must not replicate anything).
 *
 * Both programs get their arguments as an array and the connection and password through libpq's environment
 * variables; no shell is involved. Rejects with what went wrong (the tools' own last lines) when either fails or
 * the signal aborts; then both are killed.
 */
export async function dumpIntoRestore(
  options: DumpIntoRestoreOptions,
): Promise<CopyProgress> {
  const { source, target, signal } = options;
  assertPlainName(source.database, 'The source database');
  assertCopyName(target.database);
  signal.throwIfAborted();

  const tool = (name: string) =>
    options.binDir ? join(options.binDir, name) : name;
  const progress: CopyProgress = {
    tablesStarted: 0,
    bytes: 0,
    phase: 'schema',
  };

  const dump = spawn(
    tool('pg_dump'),
    [
      '--format=custom',
      '--compress=0',
      '--no-owner',
      '--no-tablespaces',
      '--no-publications',
      '--no-subscriptions',
    ],
    {
      env: libpqEnvironment(source.server, source.database),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const restore = spawn(
    tool('pg_restore'),
    [
      '--verbose',
      '--exit-on-error',
      '--no-owner',
      '--no-acl',
      '--no-tablespaces',
      // The target is a name Slipway generated and checked (COPY_NAME): it cannot be read as a connection string.
      `--dbname=${target.database}`,
    ],
    {
      env: libpqEnvironment(target.server, target.database),
      stdio: ['pipe', 'ignore', 'pipe'],
    },
  );

  const dumpTail = tail(dump);
  const restoreTail = tail(restore, line => {
    const data = /^pg_restore: processing data for table /.exec(line);
    if (data) {
      progress.tablesStarted++;
      progress.phase = 'data';
    } else if (
      progress.phase === 'data' &&
      /^pg_restore: creating (INDEX|CONSTRAINT|FK CONSTRAINT|TRIGGER) /.test(
        line,
      )
    ) {
      progress.phase = 'indexes and constraints';
    }
  });

  dump.stdout!.on('data', (chunk: Buffer) => {
    progress.bytes += chunk.length;
  });
  dump.stdout!.pipe(restore.stdin!);
  // pg_restore may exit first (an error); its stdin then refuses more data, which its own exit code reports.
  restore.stdin!.on('error', () => {});

  const ticker = options.onProgress
    ? setInterval(() => options.onProgress!({ ...progress }), 1000)
    : undefined;
  const kill = () => {
    for (const child of [dump, restore]) stop(child);
  };
  signal.addEventListener('abort', kill, { once: true });
  const dumpExit = exited(dump, 'pg_dump');
  const restoreExit = exited(restore, 'pg_restore');
  // Once pg_restore has ended, nobody reads pg_dump's output: pg_dump would block on the full pipe for ever, and its
  // server connection with it (which also stalls every DROP DATABASE on that server). Stop it. A failed pg_dump
  // likewise stops pg_restore rather than leaving it to guess from a truncated archive.
  let dumpStopped = false;
  let restoreStopped = false;
  restoreExit
    .catch(() => -1)
    .then(code => {
      // After a success pg_dump is normally gone already; give it a moment in case it is still exiting.
      setTimeout(
        () => {
          dumpStopped = stop(dump) || dumpStopped;
        },
        code === 0 ? 5000 : 0,
      ).unref();
    });
  dumpExit
    .catch(() => -1)
    .then(code => {
      if (code !== 0) restoreStopped = stop(restore);
    });
  try {
    const [dumped, restored] = await Promise.all([dumpExit, restoreExit]);
    signal.throwIfAborted();
    // Report the one that failed by itself, not the one stopped because of it.
    if (dumped !== 0 && !dumpStopped)
      throw new Error(
        `pg_dump of ${source.database} (${
          source.server.environment
        }) failed (exit code ${dumped}): ${dumpTail()}`,
      );
    if (restored !== 0 && !restoreStopped)
      throw new Error(
        `pg_restore into ${target.database} (${
          target.server.environment
        }) failed (exit code ${restored}): ${restoreTail()}`,
      );
    if (dumped !== 0 || restored !== 0)
      throw new Error(
        `pg_restore into ${target.database} ended before pg_dump of ${source.database} had sent everything`,
      );
    return { ...progress };
  } catch (error) {
    kill();
    throw error;
  } finally {
    clearInterval(ticker);
    signal.removeEventListener('abort', kill);
  }
}

/** Exit code, or a rejection saying the program could not be started. Signals count as failures (code -1). */
function exited(child: ChildProcess, name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'ENOENT'
            ? `${name} was not found: install the PostgreSQL client tools, or set slipway.databases.binDir`
            : `${name} could not be started: ${error.message}`,
        ),
      ),
    );
    child.once('close', code => resolve(code ?? -1));
  });
}

/** Keeps the last lines of a child's stderr; `onLine` sees every line as it comes. */
function tail(child: ChildProcess, onLine?: (line: string) => void) {
  const kept: string[] = [];
  let partial = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (text: string) => {
    const lines = (partial + text).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      onLine?.(line);
      // Only the tools' own error and warning lines: the verbose progress says nothing about a failure, and DETAIL
      // or "Command was" lines may quote rows of production data, which must not reach a run log.
      if (/^pg_(dump|restore): (error|warning): /.test(line))
        kept.push(line.trim());
      if (kept.length > TAIL_LINES) kept.shift();
    }
  });
  return () => kept.join(' / ') || 'no error message';
}

/** SIGTERM, then SIGKILL if it is still there after 5 s. False when it had already ended. */
function stop(child: ChildProcess): boolean {
  if (child.exitCode !== null || child.signalCode !== null) return false;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  timer.unref();
  child.once('close', () => clearTimeout(timer));
  return true;
}
