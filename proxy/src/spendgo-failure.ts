// Maps a Spendgo failure to the proxy's error response; Spendgo's own text never passes through.

import type { RequestScope } from './context';
import { fail } from './http-errors';
import type { SpendgoFailure } from './spendgo/client';

export function spendgoFailure(c: RequestScope, failure: SpendgoFailure): Response {
  switch (failure.kind) {
    case 'unavailable':
      return fail(c, 'upstream_unavailable');
    case 'credentials':
    case 'token_invalid':
      console.error(
        JSON.stringify({ level: 'error', msg: 'spendgo_refused_credentials', request_id: c.var.requestId }),
      );
      return fail(c, 'upstream_auth_failed');
    case 'member_not_found':
      return fail(c, 'member_not_found');
    case 'store_unknown':
      return fail(c, 'store_unknown');
    case 'rejected':
      return fail(c, 'upstream_rejected');
    case 'bad_response':
      return fail(c, 'upstream_bad_response');
  }
}
