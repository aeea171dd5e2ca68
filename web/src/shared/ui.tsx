/**
 * Small shared pieces on Carbon: the page's title, the loading and error state of a query,
 * and the notices pages show (Carbon's inline notification, in the app's language).
 */
import { InlineLoading, InlineNotification } from '@carbon/react';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';

/** The page's h1; sets the document title and moves focus to it (for screen readers). */
export function PageTitle({ children }: { children: string }) {
  const h = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} – Kvalitetshjulet`;
    h.current?.focus();
  }, [children]);
  return (
    <h1 ref={h} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}

/** The text of an error for a person: the problem's detail, or a general text. */
export function useErrorText(): (e: unknown) => string {
  const { t } = useTranslation();
  return (e) => (e instanceof ApiError ? e.detail : t('app.unknownError'));
}

/** While a query loads: a status line; when it failed: the error as the page's title and an alert. */
export function Loading({ error, children }: { error: unknown; children?: ReactNode }) {
  const { t } = useTranslation();
  const text = useErrorText();
  if (error) {
    return (
      <>
        <PageTitle>{t('app.error')}</PageTitle>
        <Notice kind="error" text={text(error)} />
      </>
    );
  }
  return (
    <div role="status" className="loading">
      <InlineLoading description={typeof children === 'string' ? children : t('app.loading')} />
    </div>
  );
}

type NoticeKind = 'error' | 'success' | 'info' | 'warning';

/**
 * A notice on a page (Carbon's inline notification): errors are alerts (read at once), the
 * others status messages. It has no close button: it goes when the page's state changes.
 */
export function Notice({ kind = 'info', text, title, children }: { kind?: NoticeKind; text?: string; title?: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <InlineNotification
      className="notice"
      kind={kind}
      role={kind === 'error' ? 'alert' : 'status'}
      statusIconDescription={t(`app.noticeKind.${kind}`)}
      lowContrast
      hideCloseButton
      title={title ?? ''}
      subtitle={text}
    >
      {children}
    </InlineNotification>
  );
}

/** A notice that shows only when there is a text (a page's last action: claimed, completed …). */
export function StatusLine({ text, kind = 'success' }: { text: string; kind?: NoticeKind }) {
  return text ? <Notice kind={kind} text={text} /> : null;
}
