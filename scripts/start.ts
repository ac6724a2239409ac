// `npm start`: installs if needed, starts every local service with prefixed logs, prints the
// URLs once each answers, and stops them all (by process group) on Ctrl-C.

import { setup, widgetBuild } from './setup.ts';
import { startStack } from './stack.ts';

setup();
widgetBuild(true);

const colours = [36, 35, 33, 32, 34];
const stack = startStack((service, index, line) => {
  console.log(`\x1b[${colours[index % colours.length] ?? 0}m[${service.name}]\x1b[0m ${line}`);
});

function stop(code: number): void {
  stack.stop();
  setTimeout(() => process.exit(code), 1500).unref();
}

stack.onExit = (service, code) => {
  console.error(`[${service.name}] exited with code ${code}; stopping everything.`);
  stop(1);
};
process.on('SIGINT', () => {
  stop(0);
});
process.on('SIGTERM', () => {
  stop(0);
});

if (await stack.ready) {
  console.log('\nspendgo-loyalty is running:');
  for (const s of stack.services) console.log(`  ${s.name.padEnd(10)} ${s.url}  ${s.about}`);
  console.log('\nPress Ctrl-C to stop.\n');
} else {
  console.error('A service did not come up; stopping.');
  stop(1);
}
