// Vitest setup for every proxy test file: capture the console, and after the file's tests,
// prove that no configured secret was ever logged.

import { afterAll } from 'vitest';
import { assertNoSecret, captureConsole } from './canary';

const logs = captureConsole();

afterAll(() => {
  assertNoSecret(logs().join('\n'), 'the logs');
});
