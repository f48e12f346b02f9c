// Installs Debian's Chromium for the browser tests when it is missing
// (see scripts/ensure-debian-package.mjs).
import type { TestProject } from 'vitest/node';
import {
  type DebianPackage,
  ensureDebianPackage,
} from '../../../scripts/ensure-debian-package.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    chromium: DebianPackage;
  }
}

export default function setup(project: TestProject) {
  project.provide('chromium', ensureDebianPackage('chromium', '/usr/bin/chromium'));
}
