import type { ServiceItemInput } from '@tongban/domain';
import { businessBundles } from './bundles-business.ts';
import { lifeBundles } from './bundles-life.ts';
import { civilAffairsItems } from './civil-affairs.ts';
import { civilMarriageItems } from './civil-marriage.ts';
import { cultureVeteransItems } from './culture-veterans.ts';
import { developmentReformItems } from './development-reform.ts';
import { educationItems } from './education.ts';
import { environmentItems } from './environment.ts';
import { healthItems } from './health.ts';
import { housingFundItems } from './housing-fund.ts';
import { hrssInsuranceItems } from './hrss-insurance.ts';
import { hrssLabourItems } from './hrss-labour.ts';
import { hudConstructionItems } from './hud-construction.ts';
import { hudHousingItems } from './hud-housing.ts';
import { justiceCommerceItems } from './justice-commerce.ts';
import { marketCompanyItems } from './market-companies.ts';
import { marketEntityItems } from './market-entities.ts';
import { marketLicenceItems } from './market-licences.ts';
import { medicalSecurityItems } from './medical-security.ts';
import { planningItems } from './planning.ts';
import { platformServiceItems } from './platform-services.ts';
import { publicSecurityHouseholdItems } from './psb-household.ts';
import { publicSecurityIdentityItems } from './psb-identity.ts';
import { publicSecurityTrafficItems } from './psb-traffic.ts';
import { realEstateItems } from './real-estate.ts';
import { taxItems } from './tax.ts';
import { transportItems } from './transport.ts';
import { waterEmergencyItems } from './water-emergency.ts';

export { deptCodes } from './depts.ts';
export { type FieldKey, fieldDictionary } from './fields.ts';
export { prefillSources, type ResourceCode, resourceCodes, resourceFields } from './resources.ts';
export { type CatalogueEvent, type CatalogueTheme, catalogueEvents, catalogueThemes } from './taxonomy.ts';

/**
 * The demo city's service catalogue: real municipal service items (一网通办 style) across the
 * seeded departments, plus the bundles (一件事) built from them. Deterministic; every item is in
 * the shape `serviceItemInputSchema` accepts, ready to be published as version 1.
 */
export function buildDemoCatalogue(): ServiceItemInput[] {
  const items = [
    ...marketCompanyItems(),
    ...marketEntityItems(),
    ...marketLicenceItems(),
    ...publicSecurityIdentityItems(),
    ...publicSecurityHouseholdItems(),
    ...publicSecurityTrafficItems(),
    ...taxItems(),
    ...hrssInsuranceItems(),
    ...hrssLabourItems(),
    ...medicalSecurityItems(),
    ...housingFundItems(),
    ...hudConstructionItems(),
    ...hudHousingItems(),
    ...planningItems(),
    ...realEstateItems(),
    ...civilMarriageItems(),
    ...civilAffairsItems(),
    ...healthItems(),
    ...educationItems(),
    ...environmentItems(),
    ...transportItems(),
    ...developmentReformItems(),
    ...justiceCommerceItems(),
    ...waterEmergencyItems(),
    ...cultureVeteransItems(),
    ...platformServiceItems(),
  ];
  const byCode = new Map(items.map((i) => [i.code, i]));
  return [...items, ...businessBundles(byCode), ...lifeBundles(byCode)];
}
