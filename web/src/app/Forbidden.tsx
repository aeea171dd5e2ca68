/** The gate in front of a page: the page when the user's roles pass its gate, else a page that says so. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { mayOpen, type Gate } from '../features/session/access.js';
import { useSession } from '../features/session/session.js';
import { PageTitle } from '../shared/ui.js';

/** The page for a user whose roles do not pass a route's gate. */
export function Forbidden() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('app.forbidden')}</PageTitle>
      <p>{t('app.forbiddenText')}</p>
    </>
  );
}

/** Shows the page when the signed-in user passes the gate, else Forbidden. */
export function RequireGate({ gate, children }: { gate: Gate; children: ReactNode }) {
  const { me } = useSession();
  return mayOpen(me, gate) ? children : <Forbidden />;
}
