/** Licence pages (wallet, public verification, shared view), Simplified Chinese (merged into the app resources under `licences`). */
export const licencesZhCN = {
  title: '电子证照',
};
