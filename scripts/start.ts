// `npm start`: installs if needed, starts every local service with prefixed logs, prints the
// URLs once each answers, and stops them all (by process group) on Ctrl-C.

import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { services } from './services.ts';
import { offlineEnv, root, setup } from './setup.ts';

setup();

const colours = [36, 35, 33, 32];
const children: ChildProcess[] = [];
let stopping = false;

function prefixLines(stream: Readable, label: string, colour: number): void {
  const lines = createInterface({ input: stream });
  lines.on('line', (line) => {
    console.log(`\x1b[${colour}m[${label}]\x1b[0m ${line}`);
  });
}

async function waitUntilUp(url: string, child: ChildProcess): Promise<boolean> {
  for (let i = 0; i < 240 && child.exitCode === null; i++) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  return false;
}

function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    if (child.exitCode === null) {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
  }
  setTimeout(() => process.exit(code), 1500).unref();
}

process.on('SIGINT', () => {
  stopAll(0);
});
process.on('SIGTERM', () => {
  stopAll(0);
});

const list = services();
for (const [i, service] of list.entries()) {
  const child = spawn(service.command, service.args, { cwd: root, env: offlineEnv, detached: true });
  children.push(child);
  const colour = colours[i % colours.length] ?? 0;
  prefixLines(child.stdout, service.name, colour);
  prefixLines(child.stderr, service.name, colour);
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`[${service.name}] exited with code ${code}; stopping everything.`);
      stopAll(1);
    }
  });
}

const up = await Promise.all(list.map((s, i) => waitUntilUp(s.ready, children[i]!)));
if (up.every(Boolean)) {
  console.log('\nspendgo-loyalty is running:');
  for (const s of list) console.log(`  ${s.name.padEnd(10)} ${s.url}  ${s.about}`);
  console.log('\nPress Ctrl-C to stop.\n');
} else {
  console.error('A service did not come up; stopping.');
  stopAll(1);
}
