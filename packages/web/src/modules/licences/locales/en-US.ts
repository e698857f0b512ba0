/** Licence pages (wallet, public verification, shared view), English (merged into the app resources under `licences`). */
export const licencesEnUS = {
  title: 'E-licences',
};
