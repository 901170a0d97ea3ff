export { productKeys, useProduct } from './api/products-api';
export { ProductEditor } from './components/product-editor';
export { type ProductLinePatch, productLinePatch } from './components/product-line-values';
export { ProductPicker } from './components/product-picker';
export { ProductsList } from './components/products-list';
