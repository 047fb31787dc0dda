import { Link, Route, Routes } from 'react-router-dom';
import { ComplexListPage } from '../features/complexes/ComplexListPage.tsx';
import { ComplexPage } from '../features/complexes/ComplexPage.tsx';
import { OrganisationDirectoryPage } from '../features/organisations/OrganisationDirectoryPage.tsx';
import { OrganisationPage } from '../features/organisations/OrganisationPage.tsx';
import { OverviewPage } from '../features/overview/OverviewPage.tsx';
import { RegistryEditPage } from '../features/registry/RegistryEditPage.tsx';
import { RegistryIndexPage } from '../features/registry/RegistryIndexPage.tsx';
import { RegistryListPage } from '../features/registry/RegistryListPage.tsx';
import { useI18n } from './I18nProvider.tsx';

function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div className="page">
      <h1>{t('common.notFound')}</h1>
      <Link to="/">{t('nav.overview')}</Link>
    </div>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<OverviewPage />} />
      <Route path="/complexes" element={<ComplexListPage />} />
      <Route path="/complexes/:id" element={<ComplexPage />} />
      <Route path="/organisations" element={<OrganisationDirectoryPage />} />
      <Route path="/organisations/new" element={<OrganisationPage />} />
      <Route path="/organisations/:id" element={<OrganisationPage />} />
      <Route path="/registry" element={<RegistryIndexPage />} />
      <Route path="/registry/:key" element={<RegistryListPage />} />
      <Route path="/registry/:key/new" element={<RegistryEditPage />} />
      <Route path="/registry/:key/:id" element={<RegistryEditPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
