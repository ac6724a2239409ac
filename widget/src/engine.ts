// What talks to the proxy: its client, the loyalty and checkout tasks and what keeps them
// fresh, composed by one controller, in a chunk of their own. The element loads it once there
// is something to ask (a signed-in member, or a guest with a cart where guests may check out):
// a shopper who is only shown "Sign in" never downloads it, and a member's page fetches it
// alongside the sign-in chunk.

export { EngineController } from './controllers/engine-controller';
