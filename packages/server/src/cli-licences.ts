// Operator commands for licences (dispatched from cli.ts): bulk import of licences a department
// already holds, and the rotation of a department's signing key.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError, out, requireMigrated, withDb, withSigner } from './cli-common.ts';
import type { Config } from './config.ts';
import { ImportFileError, importLicences, rotateIssuerKey } from './modules/licences/index.ts';
import { systemClock } from './platform/system-clock.ts';

export async function licencesImport(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      type: { type: 'string' },
      department: { type: 'string' },
      item: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  if (!file || !values.type || !values.department) {
    throw new CliError(
      'Usage: licences import <file.csv|json> --type <LICENCE-TYPE> --department <department id> [--item <catalogue item>]',
    );
  }
  const path = resolve(file);
  if (!existsSync(path)) throw new CliError(`${path} does not exist.`);
  const format = /\.json$/i.test(path) ? 'json' : /\.csv$/i.test(path) ? 'csv' : undefined;
  if (!format) throw new CliError('The file must end in .csv or .json.');
  return withDb(config, async (db) => {
    await requireMigrated(db);
    let report: Awaited<ReturnType<typeof importLicences>>;
    try {
      report = await withSigner(config, (signer) =>
        importLicences(
          { db, signer, clock: systemClock, config },
          {
            text: readFileSync(path, 'utf8'),
            format,
            typeCode: values.type as string,
            departmentId: values.department as string,
            itemCode: values.item,
          },
        ),
      );
    } catch (error) {
      if (error instanceof ImportFileError || (error as { code?: string }).code === 'IDENTITY_DEPARTMENT_NOT_FOUND') {
        throw new CliError((error as Error).message);
      }
      throw error;
    }
    if (values.json) out(JSON.stringify(report, null, 2));
    else {
      out(`电子证照导入 Licence import: ${report.type} issued by ${report.department}`);
      out(
        `  rows: ${report.total}, imported: ${report.imported}, already imported (skipped): ${report.alreadyImported}, rejected: ${report.rejected.length}`,
      );
      for (const r of report.rejected) out(`  ✗ row ${r.row}${r.licenceNumber ? ` (${r.licenceNumber})` : ''}: ${r.reasons.join('; ')}`);
    }
    return report.rejected.length > 0 ? 1 : 0;
  });
}

export async function licencesRotateKey(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { department: { type: 'string' } } });
  if (!values.department) throw new CliError('Usage: licences rotate-key --department <department id>');
  return withDb(config, async (db) => {
    await requireMigrated(db);
    try {
      const { keyId, previousKeyId } = await withSigner(config, (signer) =>
        rotateIssuerKey({ db, signer, clock: systemClock, config }, values.department as string, { type: 'system', id: 'cli' }),
      );
      out(`New signing key ${keyId} for ${values.department} (previous: ${previousKeyId ?? 'none'}); earlier licences keep verifying.`);
      out('Restart running servers so they sign new licences with it.');
      return 0;
    } catch (error) {
      if ((error as { code?: string }).code === 'LICENCES_ISSUER_NOT_FOUND') throw new CliError((error as Error).message);
      throw error;
    }
  });
}
