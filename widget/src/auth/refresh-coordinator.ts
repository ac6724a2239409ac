// One token refresh at a time per sign-in. Parallel requests that find their access token
// rejected (or expired) share the refresh in flight instead of each rotating the refresh token
// (two rotations with one token would race; the loser's answer is an error). Across tabs of the
// same origin the refresh runs under a Web Lock, and a caller whose token was replaced while it
// waited uses the new one without refreshing again.

export interface RefreshSource {
  /** The access token the widget holds now, or null when signed out. */
  current(): Promise<string | null>;
  /** Rotates the tokens; false when the member must sign in again. */
  refresh(): Promise<boolean>;
}

/** Runs `work` holding the named lock where Web Locks exist, else directly. */
export function withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
  return 'locks' in navigator ? navigator.locks.request(name, work) : work();
}

/**
 * A function that makes sure the token `rejected` has been replaced: refreshes once for all
 * callers that saw the same token, and not at all when it was already replaced.
 */
export function refreshCoordinator(
  lockName: string,
  source: RefreshSource,
): (rejected: string | null) => Promise<boolean> {
  let inflight: { token: string | null; done: Promise<boolean> } | null = null;
  return (rejected) => {
    if (inflight?.token === rejected) return inflight.done;
    const done = withLock(lockName, async () => {
      const now = await source.current();
      if (now === null) return false;
      if (now !== rejected) return true;
      return source.refresh();
    }).finally(() => {
      if (inflight?.done === done) inflight = null;
    });
    inflight = { token: rejected, done };
    return done;
  };
}
