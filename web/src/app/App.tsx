/**
 * The app: the query client, the router, and each route behind its gate.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HashRouter, Outlet, Route, Routes } from 'react-router-dom';
import { FirstStartGate } from '../features/admin/FirstStartGate.js';
import { LoginPage } from '../features/session/LoginPage.js';
import { AccessibilityPage } from '../features/public/AccessibilityPage.js';
import { PublicPage } from '../features/public/PublicPage.js';
import { PageTitle } from '../shared/ui.js';
import { RequireGate } from './Forbidden.js';
import { newQueryClient } from './queryClient.js';
import { ROUTES } from './routes.js';
import { SignedIn, Standalone } from './Shell.js';

function NotFound() {
  const { t } = useTranslation();
  return <PageTitle>{t('app.notFound')}</PageTitle>;
}

export function App() {
  const [client] = useState(newQueryClient);
  return (
    <QueryClientProvider client={client}>
      <HashRouter>
        <Routes>
          <Route
            path="/login"
            element={
              <Standalone>
                {/* an installation with no user yet asks for its first administrator instead (issue 15.1) */}
                <FirstStartGate>
                  <LoginPage />
                </FirstStartGate>
              </Standalone>
            }
          />
          <Route
            path="/e-tjanst"
            element={
              <Standalone>
                <PublicPage />
              </Standalone>
            }
          />
          <Route
            path="/e-tjanst/tillganglighet"
            element={
              <Standalone>
                <AccessibilityPage />
              </Standalone>
            }
          />
          {/* one signed-in layout for all the rest: the header stays as the pages change */}
          <Route
            element={
              <SignedIn>
                <Outlet />
              </SignedIn>
            }
          >
            {ROUTES.map(({ path, page: Page, gate }) => (
              <Route
                key={path}
                path={path}
                element={
                  <RequireGate gate={gate}>
                    <Page />
                  </RequireGate>
                }
              />
            ))}
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </HashRouter>
    </QueryClientProvider>
  );
}
