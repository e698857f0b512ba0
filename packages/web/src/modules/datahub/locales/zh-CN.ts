import { datahubCitizenZhCN } from './citizen.zh-CN.ts';
import { datahubOfficerZhCN } from './officer.zh-CN.ts';

/** Data hub pages (who used my data, data officers), Simplified Chinese (merged into the app resources under `datahub`). */
export const datahubZhCN = {
  title: '数据共享',
  /** Who used my data (citizen.zh-CN.ts). */
  citizen: datahubCitizenZhCN,
  /** The data officer's console (officer.zh-CN.ts). */
  officer: datahubOfficerZhCN,
};
