// Phones call phonehome with their hardware id: a MAC in any common spelling, or a softphone FQDN.

const MAC_FORMS = [
  /^([0-9a-f]{2})[:]([0-9a-f]{2})[:]([0-9a-f]{2})[:]([0-9a-f]{2})[:]([0-9a-f]{2})[:]([0-9a-f]{2})$/,
  /^([0-9a-f]{2})-([0-9a-f]{2})-([0-9a-f]{2})-([0-9a-f]{2})-([0-9a-f]{2})-([0-9a-f]{2})$/,
  /^([0-9a-f]{4})\.([0-9a-f]{4})\.([0-9a-f]{4})$/,
  /^([0-9a-f]{12})$/,
];
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * `00:11:22:AA:BB:CC`, `00-11-22-aa-bb-cc`, `0011.22aa.bbcc` and `001122aabbcc` become
 * `001122aabbcc`; a fully qualified domain name (at least two labels, not all-numeric) is
 * lowercased; anything else is null.
 */
export function normalizeHardwareId(input: string): string | null {
  if (typeof input !== 'string') return null;
  const value = input.trim().toLowerCase();
  for (const form of MAC_FORMS) {
    const match = form.exec(value);
    if (match) return match.slice(1).join('');
  }
  const fqdn = value.endsWith('.') ? value.slice(0, -1) : value;
  if (fqdn.length === 0 || fqdn.length > 253) return null;
  const labels = fqdn.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return null;
  if (/^[0-9]+$/.test(labels[labels.length - 1] as string)) return null;
  return fqdn;
}
