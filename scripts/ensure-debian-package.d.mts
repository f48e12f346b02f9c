export type DebianPackage = { ok: true; binary: string } | { ok: false; reason: string };
export function ensureDebianPackage(name: string, binary: string): DebianPackage;
export function versionOf(binary: string): string;
