/** The administration's sections, as links under the page title. */
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';

const SECTIONS = [
  { to: '/admin/organisation', key: 'organisation' },
  { to: '/admin/personer', key: 'people' },
  { to: '/admin/roller', key: 'roles' },
  { to: '/admin/import', key: 'import' },
] as const;

export function AdminNav() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('admin.nav')} className="admin-nav">
      <ul>
        {SECTIONS.map((s) => (
          <li key={s.to}>
            <NavLink className="cds--link" to={s.to}>
              {t(`admin.sections.${s.key}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
