import StorefrontIcon from '@mui/icons-material/Storefront';
import { ServicePostCreate, ServicePostEdit } from './ServicePostForm';
import { ServicePostList } from './ServicePostList';

export default {
  list: ServicePostList,
  edit: ServicePostEdit,
  create: ServicePostCreate,
  icon: StorefrontIcon,
  recordRepresentation: 'name',
};
