/**
 * Rapportera: for every signed-in person, the choice of what to report (avvikelse, lex Sarah,
 * lex Maria, synpunkt registered on someone's behalf); the forms are ReportFormPage.
 */
import { Tile } from '@carbon/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageTitle } from '../../shared/ui.js';

export const REPORTABLE = ['lex-sarah', 'avvikelse', 'lex-maria', 'synpunkt'] as const;

export function ReportPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('report.title')}</PageTitle>
      <p>{t('report.intro')}</p>
      <ul className="choices">
        {REPORTABLE.map((p) => (
          <li key={p}>
            <Tile className="card">
              <Link to={`/rapportera/${p}`} className="cds--link big">
                {t(`report.${p}`)}
              </Link>
              <p className="muted">{t(`report.${p}-help`)}</p>
            </Tile>
          </li>
        ))}
      </ul>
    </>
  );
}
