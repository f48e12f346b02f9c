// Files the user asked for (-o): written atomically — a temp file in the same directory, fsync,
// rename — so that a reader never sees half a file and a failure leaves the old one in place.
import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
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

export async function writeOutputFile(file: string, data: string | Uint8Array): Promise<void> {
  const temp = join(
    dirname(file),
    `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.part`,
  );
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(temp, 'wx', 0o644);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, file);
  } catch (error) {
    await handle?.close().catch(() => {});
    await rm(temp, { force: true }).catch(() => {});
    throw error;
  }
}
