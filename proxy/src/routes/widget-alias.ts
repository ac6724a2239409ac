// /widget/v<major>/<file>: the newest build of that major version this proxy serves, as a
// redirect to /widget/v<version>/<file>. The builds themselves are static assets (wrangler.toml
// [assets]) that never reach the Worker; the version comes from their /widget/manifest.json.
// A module script follows the redirect in CORS mode, so the redirect carries CORS too; it is
// cached briefly, since the next deploy may move it.

import * as z from 'zod';
import { fail } from '../http-errors';
import { publicCors } from '../middleware/cors';
import { routes } from '../openapi';

export const widgetAlias = routes();

/** A major version (v1) and a file path of plain segments; anything else is not an alias. */
const aliasParams = z.object({
  major: z.string().regex(/^v\d{1,3}$/),
  file: z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9_.-]*(\/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$/),
});

/** The served version, read once per isolate (a deploy replaces the isolate with the assets). */
let served: Promise<string | null> | undefined;

async function servedVersion(assets: Fetcher, url: string): Promise<string | null> {
  const response = await assets.fetch(new URL('/widget/manifest.json', url));
  if (!response.ok) return null;
  const { version } = await response.json<{ version?: unknown }>();
  return typeof version === 'string' && /^\d+\.\d+\.\d+$/.test(version) ? version : null;
}

// Static-file serving, not part of the API: left out of /openapi.json.
widgetAlias.get('/widget/:major/:file{.+}', publicCors(), async (c) => {
  const params = aliasParams.safeParse(c.req.param());
  if (!params.success) return fail(c, 'not_found');
  const { major, file } = params.data;
  served ??= servedVersion(c.env.ASSETS, c.req.url).catch(() => {
    served = undefined;
    return null;
  });
  const version = await served;
  if (!version || `v${version.split('.')[0]}` !== major) return fail(c, 'not_found');
  c.header('Cache-Control', 'public, max-age=300');
  return c.redirect(`/widget/v${version}/${file}`, 302);
});
