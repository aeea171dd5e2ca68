/**
 * The frame around every page, on Carbon's UI shell: a header with the name, the menu (a side
 * navigation behind a menu button on narrow screens), the user and the language switch. Signed-in
 * pages share the menu and the inbox counts; the public e-service and the login page stand alone.
 */
import {
  Content,
  Header,
  HeaderGlobalAction,
  HeaderGlobalBar,
  HeaderMenuButton,
  HeaderMenuItem,
  HeaderName,
  HeaderNavigation,
  HeaderSideNavItems,
  Select,
  SelectItem,
  SideNav,
  SideNavItems,
  SkipToContent,
  Tag,
} from '@carbon/react';
import { Logout } from '@carbon/react/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError, type Me } from '../api.js';
import { LANGUAGES, setLanguage, type Language } from '../i18n/index.js';
import { mayOpen } from '../features/session/access.js';
import { sessionKeys, useLogout, useMe, useTaskCounts } from '../features/session/queries.js';
import { SessionContext } from '../features/session/session.js';
import { Loading } from '../shared/ui.js';
import { MENU } from './routes.js';

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="lang">
      <Select id="language" size="sm" inline labelText={t('app.language')} value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)}>
        {Object.entries(LANGUAGES).map(([k, v]) => (
          <SelectItem key={k} value={k} text={v} lang={k} />
        ))}
      </Select>
    </div>
  );
}

/** The menu's links, in the header (wide screens) or the side navigation (narrow ones). */
function MenuLinks({ me, counts }: { me: Me; counts: { open: number; overdue: number } | undefined }) {
  const { t } = useTranslation();
  return MENU.filter((m) => mayOpen(me, m.gate)).map((m) => (
    <HeaderMenuItem key={m.to} as={NavLink} to={m.to} end={m.to === '/'}>
      {t(m.label)}
      {m.to === '/' && counts ? ` (${counts.open})` : ''}
    </HeaderMenuItem>
  ));
}

function Frame({ me, counts, children }: { me?: Me; counts?: { open: number; overdue: number }; children: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  // not Carbon's HeaderContainer: its render prop is a component type, and a new one on every
  // render here would remount the page below (losing its state) whenever the counts change
  const [isSideNavExpanded, setExpanded] = useState(false);
  const onClickSideNavExpand = () => setExpanded((x) => !x);
  return (
    <>
      <Header aria-label={t('app.name')}>
        {/* the app routes by hash: the skip link moves focus instead of following its href */}
        <SkipToContent
          href="#main"
          onClick={(e: MouseEvent) => {
            e.preventDefault();
            document.getElementById('main')?.focus();
          }}
        >
          {t('app.skip')}
        </SkipToContent>
        {me && (
          <HeaderMenuButton
            aria-label={isSideNavExpanded ? t('app.closeMenu') : t('app.openMenu')}
            onClick={onClickSideNavExpand}
            isActive={isSideNavExpanded}
            aria-expanded={isSideNavExpanded}
          />
        )}
        <HeaderName as={Link} to="/" prefix="">
          {t('app.name')}
        </HeaderName>
        {me && (
          <HeaderNavigation aria-label={t('nav.label')}>
            <MenuLinks me={me} counts={counts} />
          </HeaderNavigation>
        )}
        <HeaderGlobalBar>
          {me && counts && counts.overdue > 0 && (
            <Tag type="red" size="sm" className="late-tag">
              {t('nav.inboxOverdue', { count: counts.overdue })}
            </Tag>
          )}
          {me && (
            <span className="user" title={t('app.signedInAs', { name: me.displayName })}>
              {me.displayName}
            </span>
          )}
          <LanguageSwitch />
          {me && (
            <HeaderGlobalAction
              aria-label={t('nav.logout')}
              tooltipAlignment="end"
              onClick={async () => {
                await logout.mutateAsync().catch(() => undefined);
                await navigate('/login');
              }}
            >
              <Logout size={20} />
            </HeaderGlobalAction>
          )}
        </HeaderGlobalBar>
        {me && (
          <SideNav aria-label={t('app.menu')} expanded={isSideNavExpanded} isPersistent={false} onSideNavBlur={onClickSideNavExpand}>
            <SideNavItems>
              <HeaderSideNavItems>
                <MenuLinks me={me} counts={counts} />
              </HeaderSideNavItems>
            </SideNavItems>
          </SideNav>
        )}
      </Header>
      <Content id="main" tabIndex={-1}>
        {children}
      </Content>
    </>
  );
}

/** The layout of the signed-in pages: to the login page when no one is signed in. */
export function SignedIn({ children }: { children: ReactNode }) {
  const location = useLocation();
  const qc = useQueryClient();
  const me = useMe();
  const counts = useTaskCounts(!!me.data);
  // the counts follow the user around: refetched on every page change
  useEffect(() => {
    if (me.data) void qc.invalidateQueries({ queryKey: sessionKeys.counts });
  }, [me.data, location.pathname, qc]);
  if (me.error)
    return me.error instanceof ApiError && me.error.status !== 401 ? (
      <Frame>
        <Loading error={me.error} />
      </Frame>
    ) : (
      <Navigate to="/login" replace />
    );
  if (!me.data) return null;
  const session = {
    me: me.data,
    counts: counts.data,
    refreshCounts: () => {
      void qc.invalidateQueries({ queryKey: sessionKeys.counts });
    },
  };
  return (
    <SessionContext.Provider value={session}>
      <Frame me={me.data} counts={counts.data}>
        <Suspense fallback={<Loading error={undefined} />}>{children}</Suspense>
      </Frame>
    </SessionContext.Provider>
  );
}

/** The layout of the pages for everyone (login, the public e-service). */
export function Standalone({ children }: { children: ReactNode }) {
  return <Frame>{children}</Frame>;
}
