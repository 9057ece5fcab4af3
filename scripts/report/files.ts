import {
  closeSync,
  fstatSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './options';

/** Files above this size report their reading progress on stderr. */
const PROGRESS_FROM_BYTES = 32 * 1024 * 1024;
const CHUNK_BYTES = 4 * 1024 * 1024;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Refuses anything but a regular file: a FIFO would make a read wait forever. */
export function assertRegularFile(path: string): void {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    throw new UsageError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code})`);
  }
  if (stat.isDirectory()) throw new UsageError(`${path} is a folder, not a file`);
  if (!stat.isFile()) throw new UsageError(`${path} is not a regular file (a FIFO or device?)`);
}

/** Sees a file's bytes as they are read, and may refuse it (by throwing) before it is decoded. */
export interface ReadWatch {
  chunk(bytes: Uint8Array): void;
  end(): void;
}

/**
 * Reads a text file the report was pointed at. Only a regular file is read: a FIFO, a device or
 * a folder is refused at once (reading a FIFO would wait forever). A large file shows its
 * progress on stderr.
 */
export function readInputFile(
  path: string,
  progress: (line: string) => void,
  progressFromBytes = PROGRESS_FROM_BYTES,
  watch?: ReadWatch,
): string {
  assertRegularFile(path);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code})`);
  }
  try {
    // Checked again on the open file, in case the path changed in between.
    const opened = fstatSync(fd);
    const size = opened.size;
    if (!opened.isFile()) throw new UsageError(`${path} is not a regular file`);
    const buffer = Buffer.allocUnsafe(size);
    let read = 0;
    let shown = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, Math.min(CHUNK_BYTES, size - read), read);
      if (n === 0) break;
      watch?.chunk(buffer.subarray(read, read + n));
      read += n;
      const tenth = Math.floor((read / size) * 10);
      if (size >= progressFromBytes && tenth > shown) {
        shown = tenth;
        progress(`reading ${basename(path)}: ${mb(read)} of ${mb(size)} (${tenth * 10}%)`);
      }
    }
    watch?.end();
    return buffer.subarray(0, read).toString('utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code})`);
  } finally {
    closeSync(fd);
  }
}

/** Refuses, before any work, an output path that cannot take a file: one line each. */
export function checkOutputTarget(path: string): void {
  const folder = dirname(path);
  try {
    if (!statSync(folder).isDirectory()) {
      throw new UsageError(`cannot write ${path}: ${folder} is not a folder`);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot write ${path}: the folder ${folder} does not exist`);
  }
  try {
    const target = statSync(path);
    if (target.isDirectory()) throw new UsageError(`cannot write ${path}: it is a folder`);
    // A device or FIFO is never replaced by a file.
    if (!target.isFile()) throw new UsageError(`cannot write ${path}: not a regular file`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // Not there yet: it will be created.
  }
}

/**
 * Writes the report to `path` whole or not at all: into a temporary file beside it, then
 * renamed into place, so a full disk or a file-size limit leaves no partial file behind.
 */
export function writeOutputAtomically(path: string, text: string): void {
  checkOutputTarget(path);
  const folder = dirname(path);
  const temporary = join(folder, `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: 'wx' });
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Never created.
    }
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOSPC'
        ? 'no space left on the disk'
        : code === 'EFBIG'
          ? 'the file-size limit was reached'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : String(code ?? (error as Error).message);
    throw new UsageError(`cannot write ${path}: ${why}; nothing was written`);
  }
}
