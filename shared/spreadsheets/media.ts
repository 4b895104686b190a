/** Spreadsheet media types, apart from the readers (which load exceljs): schemas only need these. */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The spreadsheet media types of a bulk route's body (beside its JSON and CSV entries): an .xlsx
 * workbook as the raw body, or a multipart form with the file (xlsx or csv) in `file`.
 */
export const spreadsheetContent = {
  [XLSX_CONTENT_TYPE]: {
    schema: {
      type: 'string' as const,
      format: 'binary',
      description: '.xlsx workbook (first sheet; Chinese or English headers)',
    },
  },
  'multipart/form-data': {
    schema: {
      type: 'object' as const,
      properties: { file: { type: 'string' as const, format: 'binary', description: '.xlsx or .csv' } },
      required: ['file'],
    },
  },
};
