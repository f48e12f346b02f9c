// Installs Debian's Chromium for the browser test when it is missing
// (see scripts/ensure-debian-package.mjs); the test fails with the reason when it cannot.
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
