// @vitest-environment jsdom
/** The route gates: a role list lets in those roles (and admin), `staff` everyone signed in; the page says so when not. */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Me } from '../api.js';
import { mayOpen } from '../features/session/access.js';
import { SessionContext } from '../features/session/session.js';
import '../i18n/index.js';
import { RequireGate } from './Forbidden.js';

const user = (...roles: string[]): Me => ({ username: 'u', displayName: 'U', roles: roles.map((role) => ({ role, nodeId: null })), csrfToken: 't' });

function gated(me: Me, gate: Parameters<typeof mayOpen>[1]) {
  render(
    <SessionContext.Provider value={{ me, counts: undefined, refreshCounts: () => undefined }}>
      <RequireGate gate={gate}><p>Sidan</p></RequireGate>
    </SessionContext.Provider>,
  );
}

afterEach(cleanup);

describe('route gates', () => {
  it('staff lets in anyone signed in, a role list only those roles and admin', () => {
    expect(mayOpen(user('medarbetare'), 'staff')).toBe(true);
    expect(mayOpen(user('medarbetare'), ['kvalitetsledare'])).toBe(false);
    expect(mayOpen(user('medarbetare', 'kvalitetsledare'), ['kvalitetsledare'])).toBe(true);
    expect(mayOpen(user('admin'), ['kvalitetsledare'])).toBe(true);
    expect(mayOpen(user(), ['kvalitetsledare'])).toBe(false);
  });

  it('shows the page to a role that passes', () => {
    gated(user('kvalitetsledare'), ['kvalitetsledare']);
    expect(screen.getByText('Sidan')).toBeTruthy();
  });

  it('tells a role that does not pass that it has no access, and shows nothing of the page', () => {
    gated(user('medarbetare'), ['kvalitetsledare']);
    expect(screen.queryByText('Sidan')).toBeNull();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Du har inte behörighet');
  });
});
