import { CreateButton, ExportButton, List, TopToolbar, useLocaleState, useTranslate } from 'react-admin';
import { ComplaintTable } from './ComplaintTable';
import { complaintExporter } from './exporter';
import { useComplaintFilters } from './filters';

const ListActions = () => (
  <TopToolbar>
    <CreateButton label="complaint.create.button" />
    <ExportButton maxResults={1000} />
  </TopToolbar>
);

export const ComplaintList = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <List
      filters={useComplaintFilters()}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      actions={<ListActions />}
      exporter={complaintExporter(translate, locale, 'pengaduan')}
    >
      <ComplaintTable />
    </List>
  );
};
