// @vitest-environment jsdom
/** The route gates: an action lets in those whose roles allow it (`may` of /me), `staff` everyone signed in; the page says so when not. */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Me } from '../api.js';
import { mayOpen } from '../features/session/access.js';
import { SessionContext } from '../features/session/session.js';
import '../i18n/index.js';
import { RequireGate } from './Forbidden.js';

const user = (...may: Me['may']): Me => ({ username: 'u', displayName: 'U', roles: [{ role: 'medarbetare', nodeId: 'enhet' }], may, csrfToken: 't' });

function gated(me: Me, gate: Parameters<typeof mayOpen>[1]) {
  render(
    <SessionContext.Provider value={{ me, counts: undefined, refreshCounts: () => undefined }}>
      <RequireGate gate={gate}>
        <p>Sidan</p>
      </RequireGate>
    </SessionContext.Provider>,
  );
}

afterEach(cleanup);

describe('route gates', () => {
  it('staff lets in anyone signed in, an action only those whose roles allow it', () => {
    expect(mayOpen(user('session.read'), 'staff')).toBe(true);
    expect(mayOpen(user('session.read'), 'process.deploy')).toBe(false);
    expect(mayOpen(user('session.read', 'process.deploy'), 'process.deploy')).toBe(true);
    expect(mayOpen(user(), 'process.deploy')).toBe(false);
  });

  it('shows the page to a user whose roles allow the action', () => {
    gated(user('process.deploy'), 'process.deploy');
    expect(screen.getByText('Sidan')).toBeTruthy();
  });

  it('tells a user whose roles do not allow it that they have no access, and shows nothing of the page', () => {
    gated(user('session.read'), 'process.deploy');
    expect(screen.queryByText('Sidan')).toBeNull();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Du har inte behörighet');
  });
});
