import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { EmptyState } from '../app/states.js';
import '../funding/funding.css';
import { AgreementForm } from './agreement-form.js';
import { AgreementPage } from './agreement-page.js';
import { AreaPage } from './area-page.js';
import { AgreementsPage } from './agreements-page.js';
import { MeetingForm } from './meeting-form.js';
import { MeetingPage } from './meeting-page.js';
import { usePartnershipWriter } from './partners-access.js';
import { PartnerPage } from './partner-page.js';
import './partners.css';

/** The partnership pages under /partners: agreements, one agreement, one meeting, one partner, and the forms that record them. */
export function PartnersRoutes() {
  const { t } = useTranslation();
  const { canWrite, pending } = usePartnershipWriter();
  // The forms only for those the server lets write; it refuses anyone else anyway.
  const writersOnly = (page: React.ReactNode) => (pending ? <p className="muted">{t('app.loading')}</p> : canWrite ? page : <EmptyState title={t('partners.form.notAllowed')} />);
  return (
    <Routes>
      <Route index element={<AgreementsPage />} />
      <Route path="agreements/new" element={writersOnly(<AgreementForm />)} />
      <Route path="meetings/new" element={writersOnly(<MeetingForm />)} />
      <Route path="agreements/:id" element={<AgreementPage />} />
      <Route path="meetings/:id" element={<MeetingPage />} />
      <Route path="areas/:area" element={<AreaPage />} />
      <Route path=":orgId" element={<PartnerPage />} />
      <Route path="*" element={<EmptyState title={t('app.notFound')} />} />
    </Routes>
  );
}
