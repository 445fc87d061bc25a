import type ExcelJS from 'exceljs';

/**
 * ExcelJS, loaded when a workbook is first read or written: loading it with every module that may meet an XLSX
 * file cost each CLI command and server start about half a second, for the few that do.
 */
export async function loadExcelJs(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
