import { Route, Routes } from 'react-router';
import { FundingDashboard } from './funding-dashboard.js';
import { ProjectListPage } from './project-list-page.js';
import { ProjectPage } from './project-page.js';
import './funding.css';

/** /funding: the donor dashboard, the project list, one project. */
export function FundingRoutes() {
  return (
    <Routes>
      <Route index element={<FundingDashboard />} />
      <Route path="projects" element={<ProjectListPage />} />
      <Route path="projects/:id" element={<ProjectPage />} />
    </Routes>
  );
}
