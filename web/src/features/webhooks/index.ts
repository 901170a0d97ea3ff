export { webhookKeys } from './api/webhooks-api';
export { DeliveriesDrawer } from './components/deliveries-drawer';
export { SecretModal } from './components/secret-modal';
export { WebhookFormModal } from './components/webhook-form-modal';
export { WebhooksList } from './components/webhooks-list';
