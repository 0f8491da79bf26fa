import UploadFileIcon from '@mui/icons-material/UploadFile';
import { lazyPage } from '../components/lazyPage';

/** `/complaintImports`: complaints from an SP4N-LAPOR! (or other) file, for complaint admins. */
export default {
  list: lazyPage(
    () => import('./ImportPage'),
    (m) => m.ImportPage,
  ),
  icon: UploadFileIcon,
};
