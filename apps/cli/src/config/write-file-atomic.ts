// Files appear complete or not at all: a temp file in the same directory, fsync, rename.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface WriteFileAtomicOptions {
  /**
   * The file's mode. Default 0600: what this CLI keeps holds credentials. A private mode (no group
   * or other bits) is enforced whatever the umask; a wider one is filtered by the umask.
   */
  mode?: number;
  /**
   * The mode of the directory, which is created when missing and tightened when it exists; `false`
   * leaves the directory alone (it must exist), for files the user names.
   */
  dirMode?: number | false;
}

/** Creates `dir` (and its parents) and sets its mode. */
export async function ensurePrivateDir(dir: string, mode = 0o700): Promise<void> {
  await mkdir(dir, { recursive: true, mode });
  // mkdir's mode is filtered by the umask and ignored for a directory that exists.
  if (process.platform !== 'win32') await chmod(dir, mode);
}

export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  { mode = 0o600, dirMode = 0o700 }: WriteFileAtomicOptions = {},
): Promise<void> {
  const dir = dirname(file);
  if (dirMode !== false) await ensurePrivateDir(dir, dirMode);
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    // 'wx': never follow or reuse something already there.
    handle = await open(temp, 'wx', mode);
    if (process.platform !== 'win32' && (mode & 0o077) === 0) await handle.chmod(mode);
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
  // Make the rename itself durable; not every platform can open a directory.
  if (process.platform !== 'win32') {
    const dirHandle = await open(dir, 'r').catch(() => undefined);
    await dirHandle
      ?.sync()
      .catch(() => {})
      .finally(() => dirHandle.close());
  }
}
