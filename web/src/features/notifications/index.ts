export { notificationKeys } from './api/notifications-api';
export { MailOutboxTable } from './components/mail-outbox-table';
export { NotificationBell } from './components/notification-bell';
export { WorkSettingsForm } from './components/work-settings-form';
