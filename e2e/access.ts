// A stand-in for Cloudflare Access in the e2e run, which cannot reach the real one: a team key
// pair, its public half served as the team's key set on loopback (the proxy's CONSOLE_ACCESS
// names this address, set by scripts/e2e.ts), and assertions signed as Access signs them.

import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { importJWK, SignJWT, type JWK } from 'jose';

interface Settings {
  team_domain: string;
  aud: string;
}

export const ACCESS_HEADER = 'Cf-Access-Jwt-Assertion';

const settings = (): Settings => {
  const value = process.env['CONSOLE_ACCESS'];
  if (!value) throw new Error('CONSOLE_ACCESS is not set: run the e2e suite with node scripts/e2e.ts');
  return JSON.parse(value) as Settings;
};

const keyPair = () => {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    public: pair.publicKey.export({ format: 'jwk' }) as JWK,
    private: pair.privateKey.export({ format: 'jwk' }) as JWK,
  };
};

const team = keyPair();
const KID = 'e2e-team-key';

/** Serves the team's key set until `close`. */
export async function startAccess(): Promise<Server> {
  const { port, hostname } = new URL(settings().team_domain);
  const keys = JSON.stringify({ keys: [{ ...team.public, kid: KID, alg: 'RS256', use: 'sig' }] });
  const server = createServer((request, response) => {
    if (request.url === '/cdn-cgi/access/certs')
      response.writeHead(200, { 'content-type': 'application/json' }).end(keys);
    else response.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(Number(port), hostname, done));
  return server;
}

/** An assertion for `email`; `forged` signs it with a key that is not the team's. */
export async function assertion(email: string, forged = false): Promise<string> {
  const { team_domain, aud } = settings();
  const key = forged ? keyPair().private : team.private;
  return new SignJWT({ email, type: 'app' })
    .setProtectedHeader({ alg: 'RS256', kid: KID })
    .setIssuer(team_domain)
    .setAudience([aud])
    .setSubject(email)
    .setIssuedAt()
    .setExpirationTime('15m')
    .sign(await importJWK(key, 'RS256'));
}
