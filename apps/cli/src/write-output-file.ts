// Files the user asked for (-o): written atomically — a temp file in the same directory, fsync,
// rename — so that a reader never sees half a file and a failure leaves the old one in place.
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from './config/write-file-atomic';
import { UsageError } from './errors';

/** Throws a UsageError (exit 2) unless `file`'s directory exists: checked before any request. */
export async function assertWritableTarget(file: string, command: string): Promise<void> {
  const directory = await stat(dirname(file)).catch(() => undefined);
  if (!directory?.isDirectory()) {
    throw new UsageError(`Cannot write ${file}: the directory ${dirname(file)} does not exist.`, {
      command,
    });
  }
  const existing = await stat(file).catch(() => undefined);
  if (existing?.isDirectory()) {
    throw new UsageError(`Cannot write ${file}: it is a directory. Give a file name.`, {
      command,
    });
  }
}

/** Writes a file the user named (-o), readable as the umask allows. */
export function writeOutputFile(file: string, data: string | Uint8Array): Promise<void> {
  return writeFileAtomic(file, data, { mode: 0o644, dirMode: false });
}
