export { inventoryKeys, useWarehouses } from './api/inventory-api';
export { AdjustmentModal } from './components/adjustment-modal';
export { CountModal } from './components/count-modal';
export { DealStockCard } from './components/deal-stock-card';
export { InventorySettingsForm } from './components/inventory-settings-form';
export { InvoiceDeliveryCard } from './components/invoice-delivery-card';
export { ProductStockSection } from './components/product-stock-section';
export { StockList } from './components/stock-list';
export { WarehousesTable } from './components/warehouses-table';
