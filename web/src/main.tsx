/**
 * The web app: React with hash routes (nothing about a case goes in the path but its key).
 * Signed-in pages share the header with the menu and the inbox counts; the public e-service
 * and the login page stand alone.
 */
import { StrictMode, Suspense, lazy, useCallback, useEffect, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { HashRouter, Link, NavLink, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { api, type Me } from './api.js';
import './app.css';
import { LANGUAGES, setLanguage, type Language } from './i18n/index.js';
import { InboxPage } from './pages/Inbox.js';
import { LoginPage } from './pages/Login.js';
import { ProcessMapPage } from './pages/ProcessMap.js';
import { PublicPage } from './pages/Public.js';
import { RoutinePage } from './pages/Routine.js';
import { Loading, PageTitle } from './components/common.js';
import { SessionContext, type Session } from './components/session.js';

// The pages with diagrams (bpmn-js) and forms (form-js) load on first use, so the login page
// and Mina uppgifter start without those libraries (a smaller first script).
const TaskPage = lazy(() => import('./pages/Task.js').then((m) => ({ default: m.TaskPage })));
const ProcessPage = lazy(() => import('./pages/Process.js').then((m) => ({ default: m.ProcessPage })));
const InstancePage = lazy(() => import('./pages/Instance.js').then((m) => ({ default: m.InstancePage })));
const ReportPage = lazy(() => import('./pages/Report.js').then((m) => ({ default: m.ReportPage })));
const ReportFormPage = lazy(() => import('./pages/Report.js').then((m) => ({ default: m.ReportFormPage })));


function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="lang">{t('app.language')}{' '}
      <select value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)}>
        {Object.entries(LANGUAGES).map(([k, v]) => <option key={k} value={k} lang={k}>{v}</option>)}
      </select>
    </label>
  );
}

function Header({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <header className="top">
      <a className="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>{t('app.skip')}</a>
      <Link className="brand" to="/">{t('app.name')}</Link>
      {children}
      <LanguageSwitch />
    </header>
  );
}

function SignedIn({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [counts, setCounts] = useState<Session['counts']>();
  const refreshCounts = useCallback(() => { void api.taskCounts().then(setCounts, () => undefined); }, []);
  useEffect(() => { api.me().then(setMe, () => setMe(null)); }, []);
  useEffect(() => { if (me) refreshCounts(); }, [me, location.pathname, refreshCounts]);
  if (me === null) return <Navigate to="/login" replace />;
  if (!me) return null;
  return (
    <SessionContext.Provider value={{ me, counts, refreshCounts }}>
      <Header>
        <nav aria-label={t('nav.label')}>
          <NavLink to="/" end>{t('nav.inbox')}{counts ? ` (${counts.open})` : ''}</NavLink>
          {counts && counts.overdue > 0 && <span className="late badge">{t('nav.inboxOverdue', { count: counts.overdue })}</span>}
          <NavLink to="/rapportera">{t('nav.report')}</NavLink>
          <NavLink to="/processer">{t('nav.processMap')}</NavLink>
          <span className="muted">{me.displayName}</span>
          <button type="button" className="secondary" onClick={async () => { await api.logout(); await navigate('/login'); }}>{t('nav.logout')}</button>
        </nav>
      </Header>
      <main id="main" tabIndex={-1}><Suspense fallback={<Loading error={undefined} />}>{children}</Suspense></main>
    </SessionContext.Provider>
  );
}

function Standalone({ children }: { children: ReactNode }) {
  return <><Header /><main id="main" tabIndex={-1}>{children}</main></>;
}

function NotFound() {
  const { t } = useTranslation();
  return <PageTitle>{t('app.notFound')}</PageTitle>;
}

const signedIn = (el: ReactNode) => <SignedIn>{el}</SignedIn>;

function App() {
  return (
    <HashRouter>
      <Routes>
        <Route path="/login" element={<Standalone><LoginPage /></Standalone>} />
        <Route path="/e-tjanst" element={<Standalone><PublicPage /></Standalone>} />
        <Route path="/" element={signedIn(<InboxPage />)} />
        <Route path="/tasks/:key" element={signedIn(<TaskPage />)} />
        <Route path="/routines/:id" element={signedIn(<RoutinePage />)} />
        <Route path="/rapportera" element={signedIn(<ReportPage />)} />
        <Route path="/rapportera/:processId" element={signedIn(<ReportFormPage />)} />
        <Route path="/start/:processId" element={signedIn(<ReportFormPage />)} />
        <Route path="/processer" element={signedIn(<ProcessMapPage />)} />
        <Route path="/processer/:processId" element={signedIn(<ProcessPage />)} />
        <Route path="/instances/:key" element={signedIn(<InstancePage />)} />
        <Route path="*" element={signedIn(<NotFound />)} />
      </Routes>
    </HashRouter>
  );
}

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
