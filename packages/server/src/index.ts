export { buildApp, createServices, type AppOptions, type Services } from './app.ts';
export { AuditService } from './audit/audit.service.ts';
export { AuthService } from './auth/auth.service.ts';
export { anonymous, systemContext, type Principal, type RequestContext } from './auth/principal.ts';
export { readConfig, type ServerConfig } from './config.ts';
export { openDatabase, type Db, type DatabaseConfig, type OpenDatabase } from './db/database.ts';
export { DataDirLockedError } from './db/data-dir-lock.ts';
export { migrate, readMigrations } from './db/migrator.ts';
export { DemoService } from './demo/demo.service.ts';
export { AppError, ValidationError, type FieldError } from './errors.ts';
export { RegistryService } from './registry/registry.service.ts';
export { demoAdminEmail, startServer, type RunningServer } from './server.ts';
export {
  ExportService,
  isExportFormat,
  type ExportOptions,
  type ExportResult,
} from './transfer/export.service.ts';
export {
  describeIssue,
  ImportError,
  ImportService,
  type ImportInput,
  type ImportIssue,
  type ImportProgress,
  type ImportResult,
} from './transfer/import.service.ts';
export { exportFormats, type ExportFormat } from './transfer/transfer-files.ts';
export { MappingService, type StatFile, type StatJsonRow } from './mapping/mapping.service.ts';
export { loadDemoStatistics, demoDatasetName } from './mapping/mapping-demo.ts';
export {
  measuresSql,
  measuresQuery,
  measuresShape,
  type ComputeQuery,
  type MeasuresShape,
} from './mapping/mapping.repository.ts';
export { refreshTotals } from './mapping/mapping-totals.ts';
export {
  relatednessTable,
  shiftShareTable,
  specialisationTables,
  tableCsv,
  writeWorkbook,
  type ExportTable,
} from './mapping/mapping-export.ts';
export { NetworkService } from './network/network.service.ts';
export { AttendanceImportService } from './network/attendance-import.service.ts';
