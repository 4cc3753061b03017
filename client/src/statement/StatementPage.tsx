import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STATEMENT_PREPARED, type StatementHost } from '../../../shared/protocol/accessibility';
import { LanguageSwitch } from '../app/LanguageSwitch';

/**
 * The accessibility statement (deklaracja dostępności), laid out as the Polish statutory
 * template: status, what is not accessible, how it was prepared, whom to contact and how to
 * complain. The text is the product's; the publisher and contact come from the host's settings.
 */
export function StatementPage() {
  const { t } = useTranslation();
  const [host, setHost] = useState<StatementHost | null>(null);
  useEffect(() => {
    document.title = `${t('a11y.statement.title')} – Warsztat`;
  }, [t]);
  useEffect(() => {
    fetch('/api/accessibility')
      .then((res) => (res.ok ? (res.json() as Promise<StatementHost>) : null))
      .then(setHost)
      .catch(() => setHost(null));
  }, []);
  const unset = t('a11y.statement.unset');
  const prepared = host?.prepared ?? STATEMENT_PREPARED;
  const limits = t('a11y.statement.limits', { returnObjects: true }) as string[];
  return (
    <main className="page statement-page" data-testid="statement">
      <header className="board-header">
        <a className="brand" href="/">
          {t('app.name')}
        </a>
        <LanguageSwitch />
      </header>
      <article className="card statement">
        <h1>{t('a11y.statement.title')}</h1>
        <p>{t('a11y.statement.intro', { entity: host?.entity ?? t('a11y.statement.entityUnset'), url: location.origin })}</p>
        <p>{t('a11y.statement.dates', { published: host?.published ?? unset, prepared })}</p>
        <h2>{t('a11y.statement.statusTitle')}</h2>
        <p>{t('a11y.statement.status')}</p>
        <h2>{t('a11y.statement.limitsTitle')}</h2>
        <ul>
          {limits.map((limit) => (
            <li key={limit}>{limit}</li>
          ))}
        </ul>
        <h2>{t('a11y.statement.preparedTitle')}</h2>
        <p>{t('a11y.statement.prepared', { prepared })}</p>
        <h2>{t('a11y.statement.contactTitle')}</h2>
        <p data-testid="statement-contact">{t('a11y.statement.contact', { name: host?.contact.name ?? unset, email: host?.contact.email ?? unset, phone: host?.contact.phone ?? unset })}</p>
        {!host?.contact.email && <p className="muted">{t('a11y.statement.contactHost')}</p>}
        <p>{t('a11y.statement.request')}</p>
        <h2>{t('a11y.statement.complaintsTitle')}</h2>
        <p>{t('a11y.statement.complaints')}</p>
        <h2>{t('a11y.statement.architectureTitle')}</h2>
        <p>{t('a11y.statement.architecture')}</p>
        <p>
          <a href="/">{t('a11y.statement.back')}</a>
        </p>
      </article>
    </main>
  );
}
