// Starts the local system (services.ts) as child processes, each in its own process group so it
// can be stopped completely, and reports when every service answers.

import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { services, type Service } from './services.ts';
import { offlineEnv, root } from './setup.ts';

export interface Stack {
  services: Service[];
  /** Resolves true once every service answers, false if one exits or never answers. */
  ready: Promise<boolean>;
  stop(): void;
  /** Called when a service exits on its own. */
  onExit?: (service: Service, code: number | null) => void;
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

export function startStack(
  onLine: (service: Service, index: number, line: string) => void,
  only?: readonly string[],
): Stack {
  const list = services().filter((s) => !only || only.includes(s.name));
  const children: ChildProcess[] = [];
  let stopping = false;
  const stack: Stack = {
    services: list,
    ready: Promise.resolve(false),
    stop() {
      stopping = true;
      for (const child of children) {
        if (child.exitCode === null && child.pid) {
          try {
            process.kill(-child.pid, 'SIGTERM');
          } catch {
            /* already gone */
          }
        }
      }
    },
  };
  const follow = (stream: Readable, service: Service, index: number) => {
    createInterface({ input: stream }).on('line', (line) => {
      onLine(service, index, line);
    });
  };
  for (const [index, service] of list.entries()) {
    const child = spawn(service.command, service.args, { cwd: root, env: offlineEnv, detached: true });
    children.push(child);
    follow(child.stdout, service, index);
    follow(child.stderr, service, index);
    child.on('exit', (code) => {
      if (!stopping) stack.onExit?.(service, code);
    });
  }
  stack.ready = Promise.all(list.map((s, i) => waitUntilUp(s.ready, children[i]!))).then((up) => up.every(Boolean));
  return stack;
}
