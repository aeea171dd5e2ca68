/**
 * The e-service's personal-data notice (GDPR art. 13): who the controller is, the purpose, the
 * legal basis, who sees the data, how long it is kept, the person's rights and how to reach the
 * data protection officer. The texts are the catalogue's; the municipality, the controller (the
 * nämnd at the top of the organisation) and the officer's contact come from the API.
 */
import { Tile } from '@carbon/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { components } from '../../contract.gen.js';

type Notice = components['schemas']['PrivacyNotice'];

export function PrivacyNotice({ notice }: { notice: Notice | undefined }) {
  const { t } = useTranslation();
  const municipality = notice?.municipality ?? t('privacy.municipalityFallback');
  const sections: [string, string][] = [
    ['controller', t('privacy.controllerText', { controller: notice?.controller ?? '', municipality })],
    ['purpose', t('privacy.purposeText')],
    ['legalBasis', t('privacy.legalBasisText')],
    ['recipients', t('privacy.recipientsText')],
    ['retention', t('privacy.retentionText')],
    ['rights', t('privacy.rightsText')],
    ['dpo', notice?.dataProtectionOfficer ? t('privacy.dpoText', { municipality, contact: notice.dataProtectionOfficer }) : t('privacy.dpoFallback')],
  ];
  return (
    <section aria-labelledby="privacy-h">
      <Tile className="card">
        <h2 id="privacy-h">{t('privacy.title')}</h2>
        <dl className="facts">
          {sections.map(([key, text]) => (
            <div key={key}>
              <dt>{t(`privacy.${key}`)}</dt>
              <dd>{text}</dd>
            </div>
          ))}
        </dl>
        <p>
          <Link className="cds--link" to="/e-tjanst/tillganglighet">
            {t('public.accessibilityLink')}
          </Link>
        </p>
      </Tile>
    </section>
  );
}
