// Whether to colour terminal output, by the conventions of no-color.org and FORCE_COLOR (as Node
// itself reads them): FORCE_COLOR set to anything but `0`/`false` forces colour, FORCE_COLOR=0 or
// `false` turns it off; otherwise a non-empty NO_COLOR turns it off, and so does TERM=dumb;
// otherwise colour follows whether the stream is a terminal.

/** Decides whether to colour output; pass `process.env` and `stream.isTTY`. */
export function shouldUseColor(
  env: Record<string, string | undefined>,
  isTTY: boolean | undefined,
): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    const value = force.trim().toLowerCase();
    return value !== '0' && value !== 'false';
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return isTTY === true;
}
