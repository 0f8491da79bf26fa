import StorefrontIcon from '@mui/icons-material/Storefront';
import { ServicePostCreate, ServicePostEdit } from './ServicePostForm';
import { ServicePostList } from './ServicePostList';
import { ServicePostShow } from './ServicePostShow';

export default {
  list: ServicePostList,
  show: ServicePostShow,
  edit: ServicePostEdit,
  create: ServicePostCreate,
  icon: StorefrontIcon,
  recordRepresentation: 'name',
};
