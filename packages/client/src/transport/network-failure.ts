// Reads what went wrong from the error a fetch threw (undici nests the system error in `cause`).

/** Every `code` (ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET, …) in the error's cause chain. */
export function systemCodesOf(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown) => {
    if (!value || typeof value !== 'object' || seen.has(value) || seen.size > 10) return;
    seen.add(value);
    const { code, cause, errors } = value as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string') codes.push(code);
    visit(cause);
    if (Array.isArray(errors)) errors.forEach(visit);
  };
  visit(error);
  return codes;
}
