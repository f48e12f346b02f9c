// Installs tshark for the Wireshark tests when it is missing (see scripts/ensure-debian-package.mjs).
import type { TestProject } from 'vitest/node';
import {
  type DebianPackage,
  ensureDebianPackage,
} from '../../../scripts/ensure-debian-package.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    tshark: DebianPackage;
  }
}

export default function setup(project: TestProject) {
  project.provide('tshark', ensureDebianPackage('tshark', '/usr/bin/tshark'));
}
