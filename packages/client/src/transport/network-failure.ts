// Reads what went wrong from the error a fetch threw (undici nests the system error in `cause`).

/** Every `code` (ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET, …) in the error's cause chain. */
export function systemCodesOf(error: unknown, depth = 0): string[] {
  if (!error || typeof error !== 'object' || depth > 9) return [];
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  return [code, cause, ...(Array.isArray(errors) ? errors : [])].flatMap((item, i) =>
    i ? systemCodesOf(item, depth + 1) : typeof item === 'string' ? [item] : [],
  );
}
