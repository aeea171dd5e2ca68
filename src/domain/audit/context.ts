/**
 * The request's client address for the audit log, per request (AsyncLocalStorage): the HTTP
 * edge sets it once (express's req.ip, which honours only the trusted proxies, TRUST_PROXY), and
 * every audit row written while the request runs carries it, so no service passes it along.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const store = new AsyncLocalStorage<{ address: string }>();

/** Runs `fn` (and everything it starts) with `address` as the request's client address. */
export const withRequestAddress = <T>(address: string, fn: () => T): T => store.run({ address }, fn);

/** The client address of the request being served, or undefined outside a request (workers, timers, the system). */
export const requestAddress = (): string | undefined => store.getStore()?.address;
