import { datahubCitizenEnUS } from './citizen.en-US.ts';
import { datahubOfficerEnUS } from './officer.en-US.ts';

/** Data hub pages (who used my data, data officers), English (merged into the app resources under `datahub`). */
export const datahubEnUS = {
  title: 'Data sharing',
  /** Who used my data (citizen.en-US.ts). */
  citizen: datahubCitizenEnUS,
  /** The data officer's console (officer.en-US.ts). */
  officer: datahubOfficerEnUS,
};
