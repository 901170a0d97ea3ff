export { purchaseOrderKeys, usePurchaseOrder } from './api/purchase-orders-api';
export { ApprovalLimits } from './components/approval-limits';
export { CompanyPurchaseOrders } from './components/company-purchase-orders';
export { PurchaseOrderActions } from './components/po-actions';
export {
  GoodsReceiptsList,
  PurchaseOrderFacts,
  PurchaseOrderLinesTable,
} from './components/po-detail';
export { PurchaseOrderEditor } from './components/po-editor';
export { PurchaseOrderStatusBadge } from './components/po-status-badge';
export { PurchaseOrdersList } from './components/purchase-orders-list';
export { PurchasingSettingsForm } from './components/purchasing-settings-form';
export { ReplenishmentList } from './components/replenishment-list';
