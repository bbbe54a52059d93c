// The people import's checks in a worker thread: decoding, CSV or .xlsx parsing, checking
// 200,000 rows and encoding them for the database take seconds of CPU and hundreds of
// megabytes of short-lived objects, none of which may hold up the event loop that
// answers other requests (nor its garbage collector). The worker never touches the
// database: what the checks read (saved mapping, grade levels, the people already
// stored) it asks of the main thread, and the main thread asks it for one batch to
// write at a time, so at most one batch is ever in flight between them.
import { readlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { pathToFileURL } from 'node:url';
import { isMainThread, type MessagePort, parentPort, Worker, workerData } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../errors.js';
import {
  type CheckHost,
  type CheckOptions,
  type CheckOutcome,
  type ExistingPerson,
  PeopleCheck,
  type WriteBatch,
} from './import-check.js';
import { isXlsx } from './import-file.js';

/** What the import uses of a check, wherever it runs. */
export interface RunningCheck {
  run(): Promise<CheckOutcome>;
  nextBatch(size: number): Promise<WriteBatch | null>;
  close(): Promise<void>;
}

type Message =
  | { type: 'call'; id: number; method: string; arg: unknown }
  | { type: 'result'; id: number; value?: unknown; error?: SentError };

interface SentError {
  message: string;
  app?: { code: ErrorCode; fields?: AppError['fields']; details?: AppError['details'] };
}

const sendable = (err: unknown): SentError =>
  err instanceof AppError
    ? {
        message: err.message,
        app: {
          code: err.code,
          ...(err.fields ? { fields: err.fields } : {}),
          ...(err.details ? { details: err.details } : {}),
        },
      }
    : { message: err instanceof Error ? err.message : String(err) };

// An AppError (a 413 for too many rows, say) keeps its code across the thread boundary.
const received = (e: SentError): Error =>
  e.app
    ? new AppError(e.app.code, e.message, {
        ...(e.app.fields ? { fields: e.app.fields } : {}),
        ...(e.app.details ? { details: e.app.details } : {}),
      })
    : new Error(e.message);

type Handlers = Record<string, (arg: never) => Promise<unknown>>;

/** Calls both ways over one port: each side serves its handlers and calls the other's. */
function connect(port: MessagePort | Worker, handlers: Handlers) {
  let nextId = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  port.on('message', (msg: Message) => {
    if (msg.type === 'result') {
      const w = waiting.get(msg.id);
      waiting.delete(msg.id);
      if (msg.error) w?.reject(received(msg.error));
      else w?.resolve(msg.value);
      return;
    }
    const handler = handlers[msg.method];
    const answer = handler
      ? handler(msg.arg as never)
      : Promise.reject(new Error(`no handler for ${msg.method}`));
    answer.then(
      (value) => port.postMessage({ type: 'result', id: msg.id, value } satisfies Message),
      (err: unknown) =>
        port.postMessage({ type: 'result', id: msg.id, error: sendable(err) } satisfies Message),
    );
  });
  return {
    call<T>(method: string, arg?: unknown): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        port.postMessage({ type: 'call', id, method, arg } satisfies Message);
      });
    },
    failAll(err: Error) {
      for (const w of waiting.values()) w.reject(err);
      waiting.clear();
    },
  };
}

// The server runs from TypeScript through tsx; a worker must register it before loading this file.
const tsxApi = new URL(
  'dist/esm/api/index.mjs',
  pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json')),
).href;

/**
 * The worker's heap ceiling for a CSV file: its text (twice its bytes, room for text that
 * needs two bytes a character) and half a kilobyte a row, the checks' peak (measured: 24 MB
 * and 200,000 rows peak at 105 MB). Without a ceiling the heap grows to several times what
 * it holds before the collector runs. A workbook has none: exceljs holds it whole.
 */
export const heapLimitMb = (bytes: number, maxRows: number) =>
  Math.ceil(32 + (2 * bytes) / 2 ** 20 + (maxRows * 0.5) / 1000);

/** Starts the checks of one file in a new worker thread; the file's bytes move there. */
export function startCheckWorker(bytes: Buffer, options: CheckOptions, host: CheckHost): RunningCheck {
  // The upload's memory moves rather than being copied when it owns its whole ArrayBuffer.
  const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const data = owned ? new Uint8Array(bytes.buffer) : new Uint8Array(bytes);
  const entry = new URL(import.meta.url).href;
  const worker = new Worker(
    `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`,
    {
      eval: true,
      workerData: { peopleImport: { bytes: data, options } },
      resourceLimits: isXlsx(bytes)
        ? {}
        : {
            maxOldGenerationSizeMb: heapLimitMb(bytes.length, options.maxRows),
            maxYoungGenerationSizeMb: 16,
          },
      transferList: [data.buffer as ArrayBuffer],
    },
  );
  const link = connect(worker, {
    savedMapping: (header: string[]) => host.savedMapping(header),
    // A Map crosses the thread boundary as its entries.
    gradeLevels: async () => [...(await host.gradeLevels())],
    existingPeople: (after: string | null) => host.existingPeople(after),
  });
  let closed = false;
  worker.on('error', (err: Error & { code?: string }) =>
    link.failAll(
      err.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new AppError(
            'payload_too_large',
            'The file needs more memory than one import may take. Split it into smaller files.',
            {
              fields: [{ path: 'file', message: 'is too large to check at once' }],
            },
          )
        : err,
    ),
  );
  worker.on('exit', (code) => {
    if (!closed) link.failAll(new Error(`the import's worker thread stopped (exit code ${code})`));
  });
  return {
    run: () => link.call<CheckOutcome>('run'),
    nextBatch: (size) => link.call<WriteBatch | null>('nextBatch', size),
    close: async () => {
      closed = true;
      await worker.terminate();
    },
  };
}

/**
 * The checks are background work: on Linux the worker thread lowers its own scheduling
 * priority (nice 10), so on a busy machine the thread that answers requests runs first.
 * A thread's id comes from /proc/thread-self; elsewhere the worker keeps its priority.
 */
function yieldToRequests() {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
  } catch {
    // Not Linux, or not allowed: the checks run at the process's priority.
  }
}

/** The worker's side: one PeopleCheck, its host's lookups asked of the main thread. */
function serveInWorker(port: MessagePort, init: { bytes: Uint8Array; options: CheckOptions }) {
  yieldToRequests();
  const bytes = Buffer.from(init.bytes.buffer, init.bytes.byteOffset, init.bytes.byteLength);
  // The check lets go of the bytes once decoded; nothing else may hold on to them.
  init.bytes = new Uint8Array(0);
  let check: PeopleCheck | null = null;
  const link = connect(port, {
    run: () => (check as PeopleCheck).run(),
    nextBatch: (size: number) => (check as PeopleCheck).nextBatch(size),
  });
  check = new PeopleCheck(bytes, init.options, {
    savedMapping: (header) => link.call('savedMapping', header),
    gradeLevels: async () => new Map(await link.call<[string, number][]>('gradeLevels')),
    existingPeople: (after) => link.call<ExistingPerson[]>('existingPeople', after),
  });
}

const init = (workerData as { peopleImport?: { bytes: Uint8Array; options: CheckOptions } } | null)
  ?.peopleImport;
if (!isMainThread && parentPort && init) serveInWorker(parentPort, init);
