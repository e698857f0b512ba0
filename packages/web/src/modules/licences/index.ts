// The licences feature's public surface for pages and shells.
export { DepartmentLicences } from './department-licences.tsx';
export { LicenceDetailView } from './licence-detail.tsx';
export { LicenceVerify } from './licence-verify.tsx';
export { LicenceWallet } from './licence-wallet.tsx';
export { SharedLicence } from './shared-licence.tsx';
