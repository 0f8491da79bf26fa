/** Menu groups; a group shows only when the user may list one of its resources. */
export const MENU_GROUPS = [
  { label: 'menu.complaints', resources: ['myInbox', 'escalations', 'complaints', 'desks', 'complaintImports'] },
  { label: 'menu.monitoring', resources: ['reports', 'auditEntries', 'notifications'] },
  { label: 'menu.organisation', resources: ['opds', 'servicePosts', 'users', 'apiClients'] },
  {
    label: 'menu.settings',
    resources: ['categories', 'slaPolicies', 'escalationRules', 'responseTemplates', 'serviceStandards', 'programs', 'holidays', 'notificationTemplates'],
  },
] as const;

export const MENU_RESOURCES: string[] = MENU_GROUPS.flatMap((g) => [...g.resources]);
