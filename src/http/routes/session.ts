/** Logging in and out, and who is logged in. */
import { csrfToken, sessionCookie, sessionToken } from '../security.js';
import * as c from '../contract.js';
import * as s from '../schemas.js';
import { route } from '../route.js';
import { roleActionsOf } from '../../domain/policy.js';

export const sessionRoutes = [
  route({
    operationId: 'login',
    method: 'post',
    path: '/session',
    tag: 'Session',
    access: 'public',
    policy: 'public',
    summary:
      'Log in: sets the session cookie and answers the CSRF token to send with changing requests. Failures are throttled per account and per client address (429 login-locked, with Retry-After, while locked)',
    body: s.loginBody,
    responses: { 200: { description: 'Logged in', schema: c.Session } },
    problems: ['unauthenticated', 'login-locked'],
    // the client address is the peer's, or what a trusted proxy says it is (TRUST_PROXY)
    handle: async ({ sv, body, req }) => {
      const { token, user } = await sv.org.login(body.username, body.password, req.ip ?? req.socket.remoteAddress ?? 'okänd');
      return {
        status: 200,
        headers: { 'Set-Cookie': sessionCookie(sv.config, token, sv.config.sessionTtlHours * 3600) },
        body: { username: user.username, displayName: user.displayName, csrfToken: csrfToken(token) },
      };
    },
  }),
  route({
    // public: an expired session can still be logged out of (the cookie is cleared either way)
    operationId: 'logout',
    method: 'delete',
    path: '/session',
    tag: 'Session',
    access: 'public',
    policy: 'public',
    summary: 'Log out (ends the session of the cookie, if any, and clears it)',
    responses: { 204: { description: 'Logged out' } },
    handle: async ({ sv, req }) => {
      const token = sessionToken(req);
      if (token) await sv.org.logout(token);
      return { status: 204, body: undefined, headers: { 'Set-Cookie': sessionCookie(sv.config, '', 0) } };
    },
  }),
  route({
    operationId: 'me',
    method: 'get',
    path: '/me',
    tag: 'Session',
    access: 'session',
    policy: 'session.read',
    summary:
      "The current user, the roles and where they hold them, the actions their roles allow (src/domain/policy.ts: the web app gates pages by these), and the session's CSRF token",
    responses: { 200: { description: 'The user', schema: c.Me } },
    handle: async ({ user, req }) => ({
      status: 200,
      body: { username: user.username, displayName: user.displayName, roles: user.roles, may: roleActionsOf(user), csrfToken: csrfToken(sessionToken(req)!) },
    }),
  }),
  route({
    operationId: 'myNotifications',
    method: 'get',
    path: '/me/notifications',
    tag: 'Session',
    access: 'session',
    policy: 'notifications.own',
    summary: 'Your e-mail address and what you are told by e-mail: new tasks at once, in a daily digest or not; a reminder n days before a deadline',
    responses: { 200: { description: 'Your settings', schema: c.NotificationSettings } },
    handle: async ({ sv, user }) => ({ status: 200, body: await sv.notifications.settings(user) }),
  }),
  route({
    operationId: 'setMyNotifications',
    method: 'put',
    path: '/me/notifications',
    tag: 'Session',
    access: 'session',
    policy: 'notifications.own',
    summary: 'Changes your e-mail address and notification choices (audited)',
    body: s.notificationSettingsBody,
    responses: { 200: { description: 'Your settings now', schema: c.NotificationSettings } },
    handle: async ({ sv, user, body }) => ({ status: 200, body: await sv.notifications.update(user, body) }),
  }),
];
