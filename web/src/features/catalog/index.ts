export { productKeys, useProduct } from './api/products-api';
export { ProductEditor } from './components/product-editor';
export { ProductsList } from './components/products-list';
