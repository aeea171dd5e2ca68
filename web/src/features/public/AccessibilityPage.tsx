/**
 * The e-service's accessibility statement (tillgänglighetsredogörelse, lag 2018:1937 and DIGG's
 * template): how accessible it is, known gaps, how to report a problem, and the supervising
 * authority. Public, like the e-service it belongs to.
 */
import { Tile } from '@carbon/react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api.js';
import { PageTitle } from '../../shared/ui.js';

export function AccessibilityPage() {
  const { t } = useTranslation();
  const notice = useQuery({ queryKey: ['public', 'privacy-notice'], queryFn: api.publicPrivacyNotice, staleTime: 5 * 60_000 });
  const municipality = notice.data?.municipality ?? t('accessibility.municipalityFallback');
  return (
    <div className="narrow">
      <PageTitle>{t('accessibility.title')}</PageTitle>
      <Tile className="card">
        <p>{t('accessibility.intro', { municipality })}</p>
        {(['status', 'gaps', 'report', 'supervision'] as const).map((k) => (
          <section key={k} aria-labelledby={`a11y-${k}`}>
            <h2 id={`a11y-${k}`}>{t(`accessibility.${k}`)}</h2>
            <p>{t(`accessibility.${k}Text`)}</p>
          </section>
        ))}
        <p>
          <Link className="cds--link" to="/e-tjanst">
            {t('accessibility.back')}
          </Link>
        </p>
      </Tile>
    </div>
  );
}
