import { Link } from 'react-router-dom';
import { useEntityList } from '../../api/use-api.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { entityContracts, type EntityContractLike } from '../../components/entity-fields.ts';

function EntityCard({ contract }: { contract: EntityContractLike }) {
  const { entityLabel, formatNumber, t } = useI18n();
  const list = useEntityList(contract.key, { pageSize: 1 });
  return (
    <li className="entity-card">
      <Link to={`/registry/${contract.key}`} data-testid={`registry-${contract.key}`}>
        <strong>{entityLabel(contract.key)}</strong>
        <span className="muted">
          {list.data
            ? `${t('common.results')}: ${formatNumber(list.data.total)}`
            : list.error
              ? t('common.error')
              : t('common.loading')}
        </span>
        <code>/api/v1/{contract.key}</code>
      </Link>
    </li>
  );
}

export function RegistryIndexPage() {
  const { t } = useI18n();
  const auth = useAuth();
  useDocumentTitle(t('registry.title'));
  return (
    <div className="page">
      <h1>{t('registry.title')}</h1>
      <p className="note">{t('registry.intro')}</p>
      <ul className="entity-grid">
        {entityContracts
          .filter((c) => auth.can(c.key, 'read'))
          .map((c) => (
            <EntityCard key={c.key} contract={c} />
          ))}
      </ul>
    </div>
  );
}
