import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../api.js';
import { PageTitle } from '../components/common.js';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [error, setError] = useState('');
  return (
    <>
      <PageTitle>{t('login.title')}</PageTitle>
      <form className="card" onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        try {
          await api.login(String(f.get('username')), String(f.get('password')));
          navigate('/');
        } catch {
          setError(t('login.failed'));
        }
      }}>
        <label htmlFor="username">{t('login.username')}</label>
        <input type="text" id="username" name="username" autoComplete="username" required />
        <label htmlFor="password">{t('login.password')}</label>
        <input type="password" id="password" name="password" autoComplete="current-password" required />
        <p className="error" role="alert">{error}</p>
        <button type="submit">{t('login.submit')}</button>
      </form>
      <p><Link to="/e-tjanst">{t('login.public')}</Link></p>
    </>
  );
}
