export {
  buildDemoCatalogue,
  catalogueEvents,
  catalogueThemes,
  fieldDictionary,
  prefillSources,
  resourceFields,
} from './catalogue/index.ts';
export { buildDemoCity, buildTestCity, DEMO_ENTERPRISES, DEMO_PASSWORD, DEMO_PEOPLE, REFERENCE_DATE } from './city.ts';
export {
  branchBureauCodes,
  branchDistrictIds,
  districtBranchId,
  municipalDepartments,
  municipalId,
  serviceCentreId,
  streetId,
} from './departments.ts';
export { CITY, type DistrictInfo, districts, type StreetInfo } from './geography.ts';
export { makeCreditCode, makeResidentId, orgCodeCheckChar } from './ids.ts';
export * from './types.ts';
