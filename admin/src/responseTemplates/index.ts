import TemplateIcon from '@mui/icons-material/TextSnippetOutlined';
import { lazyPage } from '../components/lazyPage';

export const responseTemplates = {
  list: lazyPage(
    () => import('./ResponseTemplates'),
    (m) => m.ResponseTemplateList,
  ),
  edit: lazyPage(
    () => import('./ResponseTemplates'),
    (m) => m.ResponseTemplateEdit,
  ),
  create: lazyPage(
    () => import('./ResponseTemplates'),
    (m) => m.ResponseTemplateCreate,
  ),
  icon: TemplateIcon,
};
