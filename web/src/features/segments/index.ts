export { SEGMENT_SORTS, segmentKeys } from './api/segments-api';
export { SegmentFormModal } from './components/segment-form-modal';
export { SegmentImportModal } from './components/segment-import-modal';
export { SegmentsList } from './components/segments-list';
