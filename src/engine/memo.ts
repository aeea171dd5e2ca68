/**
 * A bounded memo for the pure, costly work on model documents (parsing, linting): the same
 * document is parsed four or five times at every start (its deployment, the check of its
 * resources, the process map, the routines' activities) and again by every command that reads
 * its model. Keyed by the document itself; the oldest entry goes when `limit` is reached. Every
 * caller gets its own deep copy, so nothing one caller changes reaches another.
 */
export function memoized<V>(limit: number, compute: (key: string) => Promise<V>): (key: string) => Promise<V> {
  const done = new Map<string, Promise<V>>();
  return async (key) => {
    let value = done.get(key);
    if (value) {
      // the newest at the end: Map keeps insertion order
      done.delete(key);
    } else {
      value = compute(key);
      // a failure is not kept: the next call tries again
      value.catch(() => done.delete(key));
      if (done.size >= limit) done.delete(done.keys().next().value!);
    }
    done.set(key, value);
    return structuredClone(await value);
  };
}
