// The proxy against a Spendgo not known to answer a repeated state change as a replay
// (SPENDGO_REPLAY_SAFE off, the production default): test/replay-unsafe/ only.
import { project } from './vitest.config.ts';

export default project('proxy-replay-unsafe', ['test/replay-unsafe/**/*.test.ts'], [], false);
