import { Route, Routes } from 'react-router';
import { WorkerList } from './WorkerList.tsx';
import { WorkerPage } from './WorkerPage.tsx';

/** 人员: the search list and one worker's page (/hr/workers/:id). */
export default function WorkersScreen() {
  return (
    <Routes>
      <Route index element={<WorkerList />} />
      <Route path=":id" element={<WorkerPage />} />
    </Routes>
  );
}
